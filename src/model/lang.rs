//! The languages of a site.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A language of the site, by the code `site.yaml` lists it with (`fr`, `en`, `es`): a type of
/// its own so that a language is never mistaken for another string, and cheap to copy into
/// every page that is written in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang(Arc<str>);

impl Lang {
    /// The language with this code.
    pub fn new(code: &str) -> Lang {
        Lang(Arc::from(code))
    }

    /// Its code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Lang {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Lang {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Lang {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Lang {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<&Lang> for Lang {
    fn eq(&self, other: &&Lang) -> bool {
        self == *other
    }
}

impl PartialEq<String> for Lang {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl From<&str> for Lang {
    fn from(code: &str) -> Lang {
        Lang::new(code)
    }
}
