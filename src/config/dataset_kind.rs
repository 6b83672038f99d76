//! Which data set to generate: the names, labels and class counts the config, the generators and the
//! page share (the formulas are in `dataset.rs`).

use std::fmt;

/// Which data set to generate (see `dataset.rs` for the formulas).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    /// Two classes: a disc of radius 2.5 inside a ring 3.5..5.
    Circle,
    /// Two classes by the sign of x·y.
    Xor,
    /// Two Gaussian clouds at (2, 2) and (−2, −2).
    Gauss,
    /// Two interleaved spiral arms.
    Spiral,
    /// Two interleaving half-moons.
    Moons,
    /// Two classes on a 4×4 checkerboard.
    Checkerboard,
    /// Three Gaussian blobs, three classes.
    Blobs3,
    /// Three interleaved spiral arms, three classes.
    Spiral3,
    /// Regression: a tilted plane, target (x + y) / 12.
    Plane,
    /// Regression: six signed bumps (TF Playground's "multi gaussian").
    MultiGauss,
}

impl DatasetKind {
    /// Every data set, in menu order.
    pub const ALL: [DatasetKind; 10] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Checkerboard,
        DatasetKind::Blobs3,
        DatasetKind::Spiral3,
        DatasetKind::Plane,
        DatasetKind::MultiGauss,
    ];

    /// Every name, in [`DatasetKind::ALL`] order.
    pub const NAMES: [&'static str; DatasetKind::ALL.len()] =
        names_of!(DatasetKind::ALL, |x| x.name());

    /// The name used in the config text, e.g. `multigauss`.
    pub const fn name(&self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gauss => "gauss",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Moons => "moons",
            DatasetKind::Checkerboard => "checkerboard",
            DatasetKind::Blobs3 => "blobs3",
            DatasetKind::Spiral3 => "spiral3",
            DatasetKind::Plane => "plane",
            DatasetKind::MultiGauss => "multigauss",
        }
    }

    /// The name people see, e.g. `Six cones`.
    pub fn label(&self) -> &'static str {
        match self {
            DatasetKind::Circle => "Circle",
            DatasetKind::Xor => "XOR",
            DatasetKind::Gauss => "Two blobs",
            DatasetKind::Spiral => "Spiral",
            DatasetKind::Moons => "Moons",
            DatasetKind::Checkerboard => "Checkerboard",
            DatasetKind::Blobs3 => "Three blobs",
            DatasetKind::Spiral3 => "Three arms",
            DatasetKind::Plane => "Plane",
            DatasetKind::MultiGauss => "Six cones",
        }
    }

    /// The data set called `name`, if any.
    pub fn from_name(name: &str) -> Option<DatasetKind> {
        crate::name_index(&DatasetKind::NAMES, name).map(|i| DatasetKind::ALL[i])
    }

    /// Number of classes: 2 or 3; 1 for a regression set.
    pub fn n_classes(&self) -> usize {
        match self {
            DatasetKind::Blobs3 | DatasetKind::Spiral3 => 3,
            DatasetKind::Plane | DatasetKind::MultiGauss => 1,
            _ => 2,
        }
    }

    /// True for the regression sets (targets in [−1, 1] instead of class indices).
    pub fn is_regression(&self) -> bool {
        self.n_classes() == 1
    }

    /// Output units of a network for this set: 1 (a logit, or the regression value) for two classes and
    /// regression, one per class (softmax) for three.
    pub fn n_outputs(&self) -> usize {
        match self.n_classes() {
            1 | 2 => 1,
            n => n,
        }
    }
}

impl fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
