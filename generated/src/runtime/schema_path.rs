//! Schema locations built lazily, like instance paths: a validator learns where its subschema
//! sits from its caller, so one generated function serves every structurally identical
//! subschema and still reports each error at its own location.

use super::path::escape_token;

/// Where a subschema sits in its schema file. A linked list on the stack, turned into
/// `schemas/<file>#<JSON pointer>` only when an error is reported.
#[derive(Debug, Clone, Copy)]
pub enum SchemaPath<'a> {
    /// A subschema named by its file and absolute JSON pointer (the document root, a `$ref`
    /// target).
    Root {
        /// `schemas/<provider>/<endpoint>.json`.
        file: &'static str,
        /// JSON pointer inside the file, `""` for the root.
        pointer: &'static str,
    },
    /// The subschema of a keyword that holds one (`items`, `not`, `if`, `additionalProperties`).
    Keyword(&'a SchemaPath<'a>, &'static str),
    /// The subschema of one property under `properties`.
    Property(&'a SchemaPath<'a>, &'static str),
    /// Subschema `index` of a keyword that holds a list (`allOf`, `anyOf`, `oneOf`).
    Branch(&'a SchemaPath<'a>, &'static str, usize),
    /// The subschema under `name` of a keyword that holds a map (`patternProperties`,
    /// `dependentSchemas`).
    Entry(&'a SchemaPath<'a>, &'static str, &'static str),
    /// A referenced subschema, named like `Root`, that remembers where the reference was made:
    /// the chain of these is the dynamic scope a `$dynamicRef` resolves in.
    Jump {
        /// Where the reference was made.
        from: &'a SchemaPath<'a>,
        /// `schemas/<provider>/<endpoint>.json`.
        file: &'static str,
        /// JSON pointer of the referenced subschema.
        pointer: &'static str,
    },
}

impl<'a> SchemaPath<'a> {
    /// The subschema at `pointer` in `file`.
    #[inline]
    pub const fn root(file: &'static str, pointer: &'static str) -> SchemaPath<'a> {
        SchemaPath::Root { file, pointer }
    }

    /// The subschema at `pointer` in `file`, reached by a reference made at `from`.
    #[inline]
    pub const fn jump(
        from: &'a SchemaPath<'a>,
        file: &'static str,
        pointer: &'static str,
    ) -> SchemaPath<'a> {
        SchemaPath::Jump {
            from,
            file,
            pointer,
        }
    }

    /// The JSON pointer of this subschema in its file.
    fn pointer(&self) -> String {
        let location = self.to_location();
        match location.split_once('#') {
            Some((_, pointer)) => pointer.to_owned(),
            None => location,
        }
    }

    /// Identifies this location's dynamic scope: empty when no reference on the way kept its
    /// caller (only files with a `$dynamicRef` keep them), else every step of the way, so that
    /// equal keys mean equal scopes.
    pub(crate) fn scope_key(&self) -> Vec<(u8, &'static str, usize)> {
        let mut steps = Vec::new();
        let mut jumped = false;
        let mut step = Some(self);
        while let Some(current) = step {
            let (kind, text, parent, index) = match current {
                SchemaPath::Root { pointer, .. } => (0, *pointer, None, 0),
                SchemaPath::Jump { from, pointer, .. } => {
                    jumped = true;
                    (1, *pointer, Some(*from), 0)
                }
                SchemaPath::Keyword(parent, keyword) => (2, *keyword, Some(*parent), 0),
                SchemaPath::Property(parent, name) => (3, *name, Some(*parent), 0),
                SchemaPath::Branch(parent, keyword, index) => (4, *keyword, Some(*parent), *index),
                SchemaPath::Entry(parent, keyword, name) => {
                    steps.push((5, *keyword, 0));
                    (6, *name, Some(*parent), 0)
                }
            };
            steps.push((kind, text, index));
            step = parent;
        }
        if jumped {
            steps
        } else {
            Vec::new()
        }
    }

    /// The dynamic scope: for each stretch of evaluation between references, outermost first,
    /// the pointer where it starts and the pointer where it ends.
    pub fn stretches(&self) -> Vec<(String, String)> {
        let mut stretches = Vec::new();
        let mut leaf = self;
        'stretches: loop {
            let end = leaf.pointer();
            let mut step = leaf;
            loop {
                match step {
                    SchemaPath::Root { pointer, .. } => {
                        stretches.push(((*pointer).to_owned(), end));
                        break 'stretches;
                    }
                    SchemaPath::Jump { from, pointer, .. } => {
                        stretches.push(((*pointer).to_owned(), end));
                        leaf = from;
                        continue 'stretches;
                    }
                    SchemaPath::Keyword(parent, _)
                    | SchemaPath::Property(parent, _)
                    | SchemaPath::Branch(parent, _, _)
                    | SchemaPath::Entry(parent, _, _) => step = parent,
                }
            }
        }
        stretches.reverse();
        stretches
    }

    /// The subschema of `keyword` below this one.
    #[inline]
    pub fn keyword(&'a self, keyword: &'static str) -> SchemaPath<'a> {
        SchemaPath::Keyword(self, keyword)
    }

    /// The subschema of property `name` below this one.
    #[inline]
    pub fn property(&'a self, name: &'static str) -> SchemaPath<'a> {
        SchemaPath::Property(self, name)
    }

    /// Subschema `index` of the list under `keyword`.
    #[inline]
    pub fn branch(&'a self, keyword: &'static str, index: usize) -> SchemaPath<'a> {
        SchemaPath::Branch(self, keyword, index)
    }

    /// The subschema under `name` of the map under `keyword`.
    #[inline]
    pub fn entry(&'a self, keyword: &'static str, name: &'static str) -> SchemaPath<'a> {
        SchemaPath::Entry(self, keyword, name)
    }

    /// `schemas/<file>#<pointer>` of this subschema.
    pub fn to_location(&self) -> String {
        let mut location = String::with_capacity(96);
        self.write_location(&mut location);
        location
    }

    /// Writes the parent's location, then this step: one string, no intermediate allocation.
    fn write_location(&self, out: &mut String) {
        match self {
            SchemaPath::Root { file, pointer } | SchemaPath::Jump { file, pointer, .. } => {
                out.push_str(file);
                out.push('#');
                out.push_str(pointer);
            }
            SchemaPath::Keyword(parent, keyword) => {
                parent.write_location(out);
                out.push('/');
                out.push_str(keyword);
            }
            SchemaPath::Property(parent, name) => {
                parent.write_location(out);
                out.push_str("/properties/");
                push_token(out, name);
            }
            SchemaPath::Entry(parent, keyword, name) => {
                parent.write_location(out);
                out.push('/');
                out.push_str(keyword);
                out.push('/');
                push_token(out, name);
            }
            SchemaPath::Branch(parent, keyword, index) => {
                parent.write_location(out);
                out.push('/');
                out.push_str(keyword);
                out.push('/');
                out.push_str(&index.to_string());
            }
        }
    }

    /// `schemas/<file>#<pointer>/<keyword>`: the location of one keyword of this subschema.
    pub fn keyword_location(&self, keyword: &str) -> String {
        let mut location = self.to_location();
        location.push('/');
        location.push_str(keyword);
        location
    }
}

/// A JSON pointer token, escaped only when it must be.
fn push_token(out: &mut String, token: &str) {
    if token.contains(['~', '/']) {
        out.push_str(&escape_token(token));
    } else {
        out.push_str(token);
    }
}

#[cfg(test)]
mod tests {
    use super::SchemaPath;

    #[test]
    fn locations_join_and_escape_like_the_schema_file() {
        let root = SchemaPath::Root {
            file: "schemas/x.json",
            pointer: "",
        };
        let def = SchemaPath::Root {
            file: "schemas/x.json",
            pointer: "/$defs/A",
        };
        let property = def.property("a/b~c");
        let branch = property.branch("oneOf", 2);
        let items = branch.keyword("items");
        let pattern = def.entry("patternProperties", "^a/b");
        assert_eq!(
            pattern.keyword_location("type"),
            "schemas/x.json#/$defs/A/patternProperties/^a~1b/type"
        );
        assert_eq!(root.to_location(), "schemas/x.json#");
        assert_eq!(root.keyword_location("type"), "schemas/x.json#/type");
        assert_eq!(
            items.keyword_location("maxLength"),
            "schemas/x.json#/$defs/A/properties/a~1b~0c/oneOf/2/items/maxLength"
        );
    }
}
