//! The text form's mechanics: pairs, percent-decoding and -encoding, and short echoes of hostile text
//! for error messages.

use std::fmt::{self, Write as _};

use super::{Config, Error};

/// Longest value echoed back in an error message; longer ones are cut with "…".
const ECHO_LEN: usize = 40;

/// The `&`-separated pairs of `text`, after one leading `#` or `?`, skipping empty ones.
pub(super) fn pairs(text: &str) -> impl Iterator<Item = &str> {
    let body = text
        .strip_prefix('#')
        .or_else(|| text.strip_prefix('?'))
        .unwrap_or(text);
    body.split('&').filter(|p| !p.is_empty())
}

/// `Err` for a key that is not in [`KEY_TABLE`], listing the keys.
pub(super) fn unknown_key(key: &str) -> Result<(), Error> {
    match super::keys::key(key) {
        Some(_) => Ok(()),
        None => Err(Error::about(
            None,
            format!(
                "unknown key '{}'; the keys are: {}",
                echo(key),
                Config::KEYS.join(", ")
            ),
        )),
    }
}

/// `raw` percent-decoded, or an error naming `key` (an unknown key is reported as such first).
pub(super) fn decode_value(key: &str, raw: &str) -> Result<String, Error> {
    unknown_key(key)?;
    percent_decode(raw).map_err(|why| {
        Error::about(
            Some(key),
            format!(
                "{key} must be {}; the value '{}' {why}",
                super::keys::key(key).map_or_else(String::new, |k| (k.range)()),
                echo(raw)
            ),
        )
    })
}

/// `key=value` → (key, raw value), splitting at the first `=`.
pub(super) fn split_pair(pair: &str) -> Result<(&str, &str), Error> {
    pair.split_once('=').ok_or_else(|| {
        Error::about(
            None,
            format!("'{}' is not of the form key=value", echo(pair)),
        )
    })
}

/// At most [`ECHO_LEN`] characters of `s` for an error message, with control characters escaped.
pub(super) fn echo(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(ECHO_LEN)
        .flat_map(char::escape_default)
        .collect();
    if s.chars().nth(ECHO_LEN).is_some() {
        out.push('…');
    }
    out
}

/// Decodes `%XX` escapes; fails on a malformed escape or on bytes that are not UTF-8.
pub(super) fn percent_decode(raw: &str) -> Result<String, &'static str> {
    if !raw.contains('%') {
        return Ok(raw.to_owned());
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            match (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            ) {
                (Some(hi), Some(lo)) => out.push((hi * 16 + lo) as u8),
                _ => return Err("has a '%' that is not followed by two hex digits"),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "does not decode to UTF-8 text")
}

/// Writes `s`, percent-encoding `& = % # +`, space, control characters and every non-ASCII byte.
pub(super) fn write_encoded(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    for &b in s.as_bytes() {
        if matches!(b, b'&' | b'=' | b'%' | b'#' | b'+' | b' ')
            || b.is_ascii_control()
            || !b.is_ascii()
        {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            f.write_char('%')?;
            f.write_char(char::from(HEX[usize::from(b >> 4)]))?;
            f.write_char(char::from(HEX[usize::from(b & 15)]))?;
        } else {
            f.write_char(char::from(b))?;
        }
    }
    Ok(())
}
