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
        let mut tokens = Vec::with_capacity(self.depth());
        let mut at = self;
        loop {
            match at {
                InstancePath::Root => break,
                InstancePath::Key { parent, key, .. } => {
                    tokens.push(escape_token(key));
                    at = parent;
                }
                InstancePath::Index { parent, index, .. } => {
                    tokens.push(index.to_string());
                    at = parent;
                }
            }
        }
        let mut pointer = String::new();
        for token in tokens.iter().rev() {
            let _ = write!(pointer, "/{token}");
        }
        pointer
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
