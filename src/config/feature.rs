//! The input features a network sees, computed from a point (x1, x2).

use std::fmt;

/// An input feature computed from a point (x1, x2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// x1.
    X1,
    /// x2.
    X2,
    /// x1².
    X1Sq,
    /// x2².
    X2Sq,
    /// x1·x2.
    X1X2,
    /// sin x1.
    SinX1,
    /// sin x2.
    SinX2,
}

impl Feature {
    /// Every feature, in canonical order (the order of a network's inputs).
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Sq,
        Feature::X2Sq,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// Every name, in [`Feature::ALL`] order.
    pub const NAMES: [&'static str; Feature::ALL.len()] = names_of!(Feature::ALL, |x| x.name());

    /// The name used in the config text, e.g. `x1sq`.
    pub const fn name(&self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Sq => "x1sq",
            Feature::X2Sq => "x2sq",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sinx1",
            Feature::SinX2 => "sinx2",
        }
    }

    /// The name people see, e.g. `sin x₁`.
    pub fn label(&self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Sq => "x₁²",
            Feature::X2Sq => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin x₁",
            Feature::SinX2 => "sin x₂",
        }
    }

    /// The feature called `name`, if any.
    pub fn from_name(name: &str) -> Option<Feature> {
        crate::name_index(&Feature::NAMES, name).map(|i| Feature::ALL[i])
    }

    /// The feature's value at (x1, x2); sines through `libm`.
    pub fn eval(&self, x1: f32, x2: f32) -> f32 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Sq => x1 * x1,
            Feature::X2Sq => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => libm::sinf(x1),
            Feature::SinX2 => libm::sinf(x2),
        }
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
