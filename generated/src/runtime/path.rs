//! Instance locations built lazily: the valid path allocates nothing.

use std::fmt::Write;

/// Where a value sits in the document being validated. A linked list on the stack that knows its
/// depth; it is turned into an RFC 6901 JSON pointer only when an error is reported.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)] // the fields are the parent, the step, and the depth below the root
pub enum InstancePath<'a> {
    /// The document itself.
    Root,
    /// A property of an object.
    Key {
        parent: &'a InstancePath<'a>,
        key: &'a str,
        depth: usize,
    },
    /// An element of an array.
    Index {
        parent: &'a InstancePath<'a>,
        index: usize,
        depth: usize,
    },
}

impl<'a> InstancePath<'a> {
    /// The path of property `key` below this one.
    #[inline]
    pub fn key(&'a self, key: &'a str) -> InstancePath<'a> {
        InstancePath::Key {
            parent: self,
            key,
            depth: self.depth() + 1,
        }
    }

    /// The path of element `index` below this one.
    #[inline]
    pub fn index(&'a self, index: usize) -> InstancePath<'a> {
        InstancePath::Index {
            parent: self,
            index,
            depth: self.depth() + 1,
        }
    }

    /// How many steps below the root this is.
    #[inline]
    pub fn depth(&self) -> usize {
        match self {
            InstancePath::Root => 0,
            InstancePath::Key { depth, .. } | InstancePath::Index { depth, .. } => *depth,
        }
    }

    /// The RFC 6901 JSON pointer, `""` for the root.
    pub fn to_pointer(&self) -> String {
        let mut pointer = String::with_capacity(8 * self.depth());
        self.write_pointer(&mut pointer);
        pointer
    }

    /// Writes the parent's pointer, then this step: one string, no intermediate allocation.
    fn write_pointer(&self, out: &mut String) {
        match self {
            InstancePath::Root => {}
            InstancePath::Key { parent, key, .. } => {
                parent.write_pointer(out);
                out.push('/');
                if key.contains(['~', '/']) {
                    out.push_str(&escape_token(key));
                } else {
                    out.push_str(key);
                }
            }
            InstancePath::Index { parent, index, .. } => {
                parent.write_pointer(out);
                let _ = write!(out, "/{index}");
            }
        }
    }
}

/// A key as an RFC 6901 pointer token: `~` becomes `~0`, `/` becomes `~1`.
pub(crate) fn escape_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::InstancePath;

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        let root = InstancePath::Root;
        let a = root.key("a/b");
        let b = a.index(3);
        let c = b.key("m~n");
        assert_eq!(c.to_pointer(), "/a~1b/3/m~0n");
        assert_eq!(c.depth(), 3);
        assert_eq!(root.to_pointer(), "");
    }
}
