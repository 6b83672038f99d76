//! The core's one error type: a message for people, and the config key it is about when there is one.
//!
//! Every refusal in the core (a bad config value, a network shape out of range, a point outside the
//! domain, a damaged model file, a render size) is an [`Error`] whose message names what is wrong and
//! what would be right; the bindings hand the message to the page unchanged.

use std::fmt;

/// Why the core refused something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    key: Option<String>,
    message: String,
}

impl Error {
    /// An error with `message`, about no config key in particular.
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            key: None,
            message: message.into(),
        }
    }

    /// An error about config key `key` (when given) with `message`.
    pub fn about(key: Option<&str>, message: impl Into<String>) -> Error {
        Error::about_text(key, message.into())
    }

    /// [`Error::about`] once in the wasm, not copied into each of the many places that refuse a value.
    #[inline(never)]
    fn about_text(key: Option<&str>, message: String) -> Error {
        Error {
            key: key.map(str::to_owned),
            message,
        }
    }

    /// The config key the problem is about; `None` for other problems and for a config text as a whole
    /// (too long, no `=`).
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The message (the same text as `Display`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::new(message)
    }
}
