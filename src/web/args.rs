//! Argument checks for the bindings, in one place. JS numbers arrive as f64: NaN, ±∞, fractions and
//! out-of-range values are refused with a message that names the argument and its allowed range. The
//! checks return the message as text so they can be tested natively; [`js`] turns it into a `JsError`.

use crate::float::Plain;
use wasm_bindgen::prelude::*;

pub(super) fn js(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// A JS number that must be a whole number in `0..=max`.
pub(super) fn whole(name: &str, value: f64, max: u64) -> Result<u64, String> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=max as f64).contains(&value) {
        Ok(value as u64)
    } else {
        Err(format!(
            "{name} must be a whole number from 0 to {max}, got {}",
            Plain(value)
        ))
    }
}

/// A JS number that must be a whole number in `min..=max`, as usize.
pub(super) fn count(name: &str, value: f64, min: usize, max: usize) -> Result<usize, String> {
    match whole(name, value, max as u64) {
        Ok(v) if v as usize >= min => Ok(v as usize),
        _ => Err(format!(
            "{name} must be a whole number from {min} to {max}, got {}",
            Plain(value)
        )),
    }
}

/// A JS number that must be finite and representable as f32.
pub(super) fn finite(name: &str, value: f64) -> Result<f32, String> {
    if value.is_finite() && value.abs() <= f64::from(f32::MAX) {
        Ok(value as f32)
    } else {
        Err(format!(
            "{name} must be a finite number, got {}",
            Plain(value)
        ))
    }
}

/// A layer index: `0..n` (message names the range).
pub(super) fn layer_index(name: &str, value: f64, n: usize) -> Result<usize, String> {
    if n == 0 {
        return Err(format!("{name}: the network has no such layers"));
    }
    count(name, value, 0, n - 1)
}

/// The 12 bytes of a palette (`[class 0, class 1, class 2, neutral]`, RGB each) as colours, or an error
/// naming `rgb` and the length it must have.
pub(super) fn palette(rgb: &[u8]) -> Result<[[u8; 3]; 4], JsError> {
    if rgb.len() != 12 {
        return Err(js(format!(
            "rgb must hold 12 bytes (class 0, class 1, class 2 and neutral, RGB each), got {}",
            rgb.len()
        )));
    }
    let c = |i: usize| [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
    Ok([c(0), c(1), c(2), c(3)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked_with_their_name_and_range() {
        assert_eq!(whole("nEpochs", 10.0, 10_000), Ok(10));
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1.5, 10_001.0] {
            let e = whole("nEpochs", bad, 10_000).unwrap_err();
            assert!(e.contains("nEpochs") && e.contains("0 to 10000"), "{e}");
        }
        assert_eq!(count("grid", 100.0, 1, 512), Ok(100));
        assert!(count("grid", 0.0, 1, 512).unwrap_err().contains("1 to 512"));
        assert!(count("grid", 513.0, 1, 512).is_err());
        assert_eq!(finite("x", 1.5), Ok(1.5));
        assert!(finite("x", 1e300)
            .unwrap_err()
            .contains("x must be a finite number"));
        assert!(finite("x", f64::NEG_INFINITY).is_err());
        assert_eq!(layer_index("layer", 2.0, 3), Ok(2));
        assert!(layer_index("layer", 3.0, 3).unwrap_err().contains("0 to 2"));
        assert!(layer_index("layer", 0.0, 0).is_err());
    }
}
