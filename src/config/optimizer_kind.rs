//! The optimisers a config can name.

use std::fmt;

/// The optimiser that turns gradients into weight updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// Plain mini-batch gradient descent.
    Sgd,
    /// Gradient descent with momentum.
    Momentum,
    /// Adam.
    Adam,
}

impl OptimizerKind {
    /// Every optimiser, in menu order.
    pub const ALL: [OptimizerKind; 3] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ];

    /// Every name, in [`OptimizerKind::ALL`] order.
    pub const NAMES: [&'static str; OptimizerKind::ALL.len()] =
        names_of!(OptimizerKind::ALL, |x| x.name());

    /// The name used in the config text.
    pub const fn name(&self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        }
    }

    /// The name people see.
    pub fn label(&self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Momentum => "SGD + momentum",
            OptimizerKind::Adam => "Adam",
        }
    }

    /// The optimiser called `name`, if any.
    pub fn from_name(name: &str) -> Option<OptimizerKind> {
        crate::name_index(&OptimizerKind::NAMES, name).map(|i| OptimizerKind::ALL[i])
    }
}

impl fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
