//! What a running session must redo after a setting changed.

use std::fmt;

/// What a running session must redo after a setting changed. Ordered: `Live < Network < Data`, so the
/// work for several changes is their maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// Nothing to rebuild: training continues with the same weights and data (optimiser state that
    /// depends on the changed setting, e.g. Adam's moments after switching optimiser, is the session's
    /// business).
    Live,
    /// Re-initialise the network (new shape, new inputs or a new weight draw); the data stays.
    Network,
    /// Regenerate the data set, then re-initialise the network.
    Data,
}

impl Change {
    /// `"live"`, `"network"` or `"data"` (the strings the page receives).
    pub fn name(&self) -> &'static str {
        match self {
            Change::Live => "live",
            Change::Network => "network",
            Change::Data => "data",
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
