//! The weight penalties a config can name.

use std::fmt;

/// Weight penalty added to the loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regularization {
    /// No penalty.
    None,
    /// rate · Σ|w|.
    L1,
    /// rate · ½ Σ w².
    L2,
}

impl Regularization {
    /// Every choice, in menu order.
    pub const ALL: [Regularization; 3] =
        [Regularization::None, Regularization::L1, Regularization::L2];

    /// Every name, in [`Regularization::ALL`] order.
    pub const NAMES: [&'static str; Regularization::ALL.len()] =
        names_of!(Regularization::ALL, |x| x.name());

    /// The name used in the config text.
    pub const fn name(&self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "l1",
            Regularization::L2 => "l2",
        }
    }

    /// The name people see.
    pub fn label(&self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "L1",
            Regularization::L2 => "L2",
        }
    }

    /// The choice called `name`, if any.
    pub fn from_name(name: &str) -> Option<Regularization> {
        crate::name_index(&Regularization::NAMES, name).map(|i| Regularization::ALL[i])
    }
}

impl fmt::Display for Regularization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
