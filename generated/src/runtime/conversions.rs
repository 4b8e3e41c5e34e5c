//! The conversions every constrained string and string enum has, written once. Generated code
//! calls these macros with the type's name; the type's own `FromStr` holds its rules, and every
//! conversion here goes through it, so no path skips a check.

/// `TryFrom<&str>` and `TryFrom<String>`, through the type's `FromStr`.
#[macro_export]
#[doc(hidden)]
macro_rules! try_from_str {
    ($name:ident) => {
        impl ::std::convert::TryFrom<&str> for $name {
            type Error = <$name as ::std::str::FromStr>::Err;
            fn try_from(value: &str) -> ::std::result::Result<Self, Self::Error> {
                value.parse()
            }
        }
        impl ::std::convert::TryFrom<::std::string::String> for $name {
            type Error = <$name as ::std::str::FromStr>::Err;
            fn try_from(value: ::std::string::String) -> ::std::result::Result<Self, Self::Error> {
                value.parse()
            }
        }
    };
}

/// Everything a constrained string newtype `struct X(String)` has besides its `FromStr`: the
/// `TryFrom`s, `Deref` to the string, `From<X> for String`, a `Deserialize` that checks the rules
/// through `FromStr`, and its tree for native validation.
#[macro_export]
#[doc(hidden)]
macro_rules! string_newtype {
    ($name:ident) => {
        $crate::try_from_str!($name);
        impl ::std::ops::Deref for $name {
            type Target = ::std::string::String;
            fn deref(&self) -> &::std::string::String {
                &self.0
            }
        }
        impl ::std::convert::From<$name> for ::std::string::String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                ::std::string::String::deserialize(deserializer)?
                    .parse()
                    .map_err(|e: <$name as ::std::str::FromStr>::Err| {
                        <D::Error as ::serde::de::Error>::custom(e.to_string())
                    })
            }
        }
        impl $crate::runtime::to_node::ToTree for $name {
            fn to_tree(&self) -> $crate::runtime::Node<'_> {
                $crate::runtime::to_node::ToTree::to_tree(&self.0)
            }
        }
    };
}
