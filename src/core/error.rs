//! The engine's errors. Each message says what was wrong and how to fix it.

use std::fmt;

/// Everything that can go wrong in the core.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A line or document was not valid JSON, or not in the contract's shape.
    BadInput(String),
    /// A settings file could not be used; nothing was changed.
    BadSettings(String),
    /// A template id that is not in the library.
    UnknownTemplate(String),
    /// A time zone that could not be read.
    BadZone(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadInput(m) => write!(f, "{m}"),
            Error::BadSettings(m) => write!(f, "settings not used: {m}"),
            Error::UnknownTemplate(id) => write!(
                f,
                "no template '{id}': use one of the ids in the library (see `xunpan render --help`)"
            ),
            Error::BadZone(z) => write!(
                f,
                "time zone '{z}' not understood: write an offset such as +08:00, -05:00 or Z"
            ),
        }
    }
}

impl std::error::Error for Error {}
