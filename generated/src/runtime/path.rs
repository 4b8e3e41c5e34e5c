//! Instance locations built lazily: the valid path allocates nothing.

use std::fmt::Write;

/// Where a value sits in the document being validated. A linked list on the stack that knows its
/// depth; it is turned into an RFC 6901 JSON pointer only when an error is reported.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)] // the fields are the parent, the step, and the depth below the root
pub enum InstancePath<'a> {
    /// The document itself.
    Root,
    /// A property of an object. `named` is true when the schema names the key (a declared
    /// property); any other key is the document's data, perhaps personal, and is redacted in
    /// every pointer meant for people.
    Key {
        parent: &'a InstancePath<'a>,
        key: &'a str,
        depth: usize,
        named: bool,
    },
    /// An element of an array.
    Index {
        parent: &'a InstancePath<'a>,
        index: usize,
        depth: usize,
    },
}

impl<'a> InstancePath<'a> {
    /// The path of property `key` below this one, a key the schema names.
    #[inline]
    pub fn key(&'a self, key: &'a str) -> InstancePath<'a> {
        InstancePath::Key {
            parent: self,
            key,
            depth: self.depth() + 1,
            named: true,
        }
    }

    /// The path of member `key` below this one, a key the schema does not name (the document's
    /// own data: redacted in pointers meant for people).
    #[inline]
    pub fn member(&'a self, key: &'a str) -> InstancePath<'a> {
        InstancePath::Key {
            parent: self,
            key,
            depth: self.depth() + 1,
            named: false,
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
        self.write_pointer(&mut pointer, false);
        pointer
    }

    /// The pointer with every key the schema does not name written as `*`: safe to print.
    pub fn to_redacted_pointer(&self) -> String {
        let mut pointer = String::with_capacity(8 * self.depth());
        self.write_pointer(&mut pointer, true);
        pointer
    }

    /// True when a key on the path is one the schema does not name.
    pub fn has_unnamed_key(&self) -> bool {
        let mut at = self;
        loop {
            match at {
                InstancePath::Root => return false,
                InstancePath::Key { named: false, .. } => return true,
                InstancePath::Key { parent, .. } | InstancePath::Index { parent, .. } => {
                    at = parent
                }
            }
        }
    }

    /// Writes the parent's pointer, then this step: one string, no intermediate allocation.
    fn write_pointer(&self, out: &mut String, redact: bool) {
        match self {
            InstancePath::Root => {}
            InstancePath::Key {
                parent,
                named: false,
                ..
            } if redact => {
                parent.write_pointer(out, redact);
                out.push_str("/*");
            }
            InstancePath::Key { parent, key, .. } => {
                parent.write_pointer(out, redact);
                out.push('/');
                if key.contains(['~', '/']) {
                    out.push_str(&escape_token(key));
                } else {
                    out.push_str(key);
                }
            }
            InstancePath::Index { parent, index, .. } => {
                parent.write_pointer(out, redact);
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
        let d = c.member("SSN 078-05-1120");
        assert_eq!(d.to_pointer(), "/a~1b/3/m~0n/SSN 078-05-1120");
        assert_eq!(d.to_redacted_pointer(), "/a~1b/3/m~0n/*");
        assert!(d.has_unnamed_key() && !c.has_unnamed_key());
        assert_eq!(root.to_pointer(), "");
    }
}
