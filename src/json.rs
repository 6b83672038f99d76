//! JSON text, both ways, without a JSON library: a [`Writer`] for everything the core hands the page
//! (catalogue, description, statistics, race tables, presets, links, model files) and a strict [`parse`]
//! for model files that may come from anywhere.
//!
//! Numbers take the one float-to-text path the rest of the core uses (core's `{}` and `{:e}`) and the one
//! text-to-float path (`str::parse`), so the module carries no number tables of its own. A float is
//! written as its shortest decimal that reads back to the same bits, as a JavaScript number would be read:
//! plain from 1e-5 up to 1e16 (with `.0` when it is whole, so it stays a float), in exponent form outside
//! (`1.5e-7`, `1e+16`); a non-finite float is written as `null`.
//!
//! The reader takes RFC 8259 JSON only (no comments, trailing commas, NaN or Infinity), refuses nesting
//! deeper than [`MAX_DEPTH`] and numbers beyond f64, and names the first problem with its line and column.
//! An object keeps its keys in file order; [`Value::get`] returns the last value of a repeated key.

use crate::float::{parse_f64, Exp, Plain};
use std::fmt;

/// Deepest nesting of lists and objects [`parse`] accepts.
pub const MAX_DEPTH: usize = 128;

/// Appends JSON to a string; commas between items are placed by the writer.
///
/// Its methods are never inlined: every JSON text the core writes is a long run of these calls, and one
/// copy of each keeps those writers small in the wasm (about 1.8 KB of it gzipped) at no cost that shows
/// (they run once per text, not per sample).
///
/// ```
/// use activation_playground::json::Writer;
/// let mut w = Writer::new();
/// w.begin_object();
/// w.key("lr").float(0.03);
/// w.key("layers").begin_array().uint(4).uint(2).end_array();
/// w.end_object();
/// assert_eq!(w.finish(), r#"{"lr":0.03,"layers":[4,2]}"#);
/// ```
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    /// Whether the next item needs a comma before it.
    comma: bool,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }

    #[inline(never)]
    fn item(&mut self) -> &mut String {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
        &mut self.out
    }

    /// `{`: the items up to [`Writer::end_object`] are `key`–value pairs.
    #[inline(never)]
    pub fn begin_object(&mut self) -> &mut Writer {
        self.item().push('{');
        self.comma = false;
        self
    }

    /// `}`.
    #[inline(never)]
    pub fn end_object(&mut self) -> &mut Writer {
        self.out.push('}');
        self.comma = true;
        self
    }

    /// `[`.
    #[inline(never)]
    pub fn begin_array(&mut self) -> &mut Writer {
        self.item().push('[');
        self.comma = false;
        self
    }

    /// `]`.
    #[inline(never)]
    pub fn end_array(&mut self) -> &mut Writer {
        self.out.push(']');
        self.comma = true;
        self
    }

    /// An object's key; the next item is its value.
    #[inline(never)]
    pub fn key(&mut self, key: &str) -> &mut Writer {
        write_string(self.item(), key);
        self.out.push(':');
        self.comma = false;
        self
    }

    /// A string, escaped.
    #[inline(never)]
    pub fn string(&mut self, s: &str) -> &mut Writer {
        write_string(self.item(), s);
        self
    }

    /// A string, or `null`.
    pub fn opt_string(&mut self, s: Option<&str>) -> &mut Writer {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    /// A list of strings.
    pub fn strings<S: AsRef<str>>(&mut self, items: &[S]) -> &mut Writer {
        self.begin_array();
        for s in items {
            self.string(s.as_ref());
        }
        self.end_array()
    }

    /// A whole number.
    #[inline(never)]
    pub fn uint(&mut self, v: u64) -> &mut Writer {
        use fmt::Write as _;
        let _ = write!(self.item(), "{v}");
        self
    }

    /// A whole number, or `null`.
    pub fn opt_uint(&mut self, v: Option<u64>) -> &mut Writer {
        match v {
            Some(v) => self.uint(v),
            None => self.null(),
        }
    }

    /// A float (see the module documentation); `null` when it is not finite.
    #[inline(never)]
    pub fn float(&mut self, v: f64) -> &mut Writer {
        write_float(self.item(), v);
        self
    }

    /// An f32 as the float its shortest decimal text is (0.00001, not 0.0000099999997…).
    #[inline(never)]
    pub fn short_f32(&mut self, v: f32) -> &mut Writer {
        // The shortest f32 text has at most 9 digits, so the f64 read from it prints as the same text.
        self.float(parse_f64(&Plain(v).to_string()).unwrap_or(f64::NAN))
    }

    /// `true` or `false`.
    #[inline(never)]
    pub fn bool(&mut self, v: bool) -> &mut Writer {
        self.item().push_str(if v { "true" } else { "false" });
        self
    }

    /// `null`.
    #[inline(never)]
    pub fn null(&mut self) -> &mut Writer {
        self.item().push_str("null");
        self
    }

    /// JSON text written elsewhere, as one item.
    #[inline(never)]
    pub fn raw(&mut self, json: &str) -> &mut Writer {
        self.item().push_str(json);
        self
    }
}

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0x08 => 'b',
            0x0c => 'f',
            0..=0x1f => 'u',
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(short);
        if short == 'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends a float (see the module documentation).
pub fn write_float(out: &mut String, v: f64) {
    use fmt::Write as _;
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    let magnitude = v.abs();
    if magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        let text = Exp(v).to_string();
        match text.split_once('e') {
            Some((digits, exponent)) if !exponent.starts_with('-') => {
                let _ = write!(out, "{digits}e+{exponent}");
            }
            _ => out.push_str(&text),
        }
    } else {
        let text = Plain(v).to_string();
        out.push_str(&text);
        if !text.contains('.') {
            out.push_str(".0");
        }
    }
}

/// A JSON number as read: a whole number when it was written without fraction or exponent and fits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A whole number ≥ 0.
    Uint(u64),
    /// A whole number < 0.
    Int(i64),
    /// Any other number.
    Float(f64),
}

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string, unescaped.
    String(String),
    /// A list.
    Array(Vec<Value>),
    /// An object's pairs in file order (a repeated key appears more than once).
    Object(Vec<(String, Value)>),
}

impl Value {
    /// An object's value for `key` (the last one when the key is repeated); `None` otherwise.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(pairs) => pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The number as a u64 when it is a whole number ≥ 0 written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::Uint(n)) => Some(*n),
            _ => None,
        }
    }

    /// Any number as an f64.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::Number(Number::Uint(n)) => Some(n as f64),
            Value::Number(Number::Int(n)) => Some(n as f64),
            Value::Number(Number::Float(v)) => Some(v),
            _ => None,
        }
    }

    fn write(&self, w: &mut Writer) {
        match self {
            Value::Null => {
                w.null();
            }
            Value::Bool(b) => {
                w.bool(*b);
            }
            Value::Number(Number::Uint(n)) => {
                w.uint(*n);
            }
            Value::Number(Number::Int(n)) => {
                w.raw(&n.to_string());
            }
            Value::Number(Number::Float(v)) => {
                w.float(*v);
            }
            Value::String(s) => {
                w.string(s);
            }
            Value::Array(items) => {
                w.begin_array();
                for item in items {
                    item.write(w);
                }
                w.end_array();
            }
            Value::Object(pairs) => {
                w.begin_object();
                for (k, v) in pairs {
                    w.key(k);
                    v.write(w);
                }
                w.end_object();
            }
        }
    }
}

/// Compact JSON text.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut w = Writer::new();
        self.write(&mut w);
        f.write_str(&w.finish())
    }
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub problem: &'static str,
    /// Line of the problem, from 1.
    pub line: usize,
    /// Column of the problem in characters, from 1 (0 for the end of an empty text).
    pub column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.problem, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

/// Reads one JSON value (surrounded by optional white space) from `text`.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser { text, at: 0 };
    let value = p.value(0).map_err(|problem| p.error(problem))?;
    p.skip_space();
    if p.at < text.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

type Step<T> = Result<T, &'static str>;

impl Parser<'_> {
    fn error(&self, problem: &'static str) -> Error {
        // Every position the parser stops at is on a character boundary.
        let before = self.text.get(..self.at).unwrap_or(self.text);
        let line = before.rsplit('\n').next().unwrap_or_default();
        Error {
            problem,
            line: 1 + before.bytes().filter(|&b| b == b'\n').count(),
            column: line.chars().count(),
        }
    }

    /// The bytes not read yet.
    fn rest(&self) -> &[u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The next byte after white space, consumed.
    fn next_token(&mut self) -> Option<u8> {
        self.skip_space();
        let b = self.peek();
        self.at += usize::from(b.is_some());
        b
    }

    fn value(&mut self, depth: usize) -> Step<Value> {
        match self.next_token() {
            None => Err("the text ends where a value should be"),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => {
                self.at -= 1;
                self.number().map(Value::Number)
            }
            Some(b't') => self.word("rue", Value::Bool(true)),
            Some(b'f') => self.word("alse", Value::Bool(false)),
            Some(b'n') => self.word("ull", Value::Null),
            Some(_) => {
                self.at -= 1;
                Err("expected a value")
            }
        }
    }

    fn word(&mut self, rest: &str, value: Value) -> Step<Value> {
        if self.rest().starts_with(rest.as_bytes()) {
            self.at += rest.len();
            Ok(value)
        } else {
            Err("expected a value")
        }
    }

    fn array(&mut self, depth: usize) -> Step<Value> {
        if depth > MAX_DEPTH {
            return Err("nested deeper than 128 levels");
        }
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            match self.next_token() {
                Some(b',') => {}
                Some(b']') => return Ok(Value::Array(items)),
                None => return Err("the text ends inside a list"),
                Some(_) => {
                    self.at -= 1;
                    return Err("expected ',' or ']'");
                }
            }
        }
    }

    fn object(&mut self, depth: usize) -> Step<Value> {
        if depth > MAX_DEPTH {
            return Err("nested deeper than 128 levels");
        }
        let mut pairs = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(pairs));
        }
        loop {
            match self.next_token() {
                Some(b'"') => {}
                None => return Err("the text ends inside an object"),
                Some(_) => {
                    self.at -= 1;
                    return Err("expected a key in double quotes");
                }
            }
            let key = self.string()?;
            match self.next_token() {
                Some(b':') => {}
                None => return Err("the text ends inside an object"),
                Some(_) => {
                    self.at -= 1;
                    return Err("expected ':'");
                }
            }
            let value = self.value(depth)?;
            pairs.push((key, value));
            match self.next_token() {
                Some(b',') => {}
                Some(b'}') => return Ok(Value::Object(pairs)),
                None => return Err("the text ends inside an object"),
                Some(_) => {
                    self.at -= 1;
                    return Err("expected ',' or '}'");
                }
            }
        }
    }

    /// The rest of a string whose opening quote is consumed.
    fn string(&mut self) -> Step<String> {
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        let mut start = self.at;
        loop {
            let Some(&b) = bytes.get(self.at) else {
                return Err("the text ends inside a string");
            };
            match b {
                b'"' => {
                    out.push_str(self.text.get(start..self.at).unwrap_or_default());
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(start..self.at).unwrap_or_default());
                    self.at += 1;
                    let Some(&e) = bytes.get(self.at) else {
                        return Err("the text ends inside a string");
                    };
                    self.at += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.escaped_char()?),
                        _ => {
                            self.at -= 1;
                            return Err("unknown escape in a string");
                        }
                    }
                    start = self.at;
                }
                0..=0x1f => return Err("control character in a string"),
                _ => self.at += 1,
            }
        }
    }

    /// The character of a `\u` escape whose `\u` is consumed (a surrogate pair is two escapes).
    fn escaped_char(&mut self) -> Step<char> {
        let high = self.hex4()?;
        let code = match high {
            0xd800..=0xdbff => {
                if !self.rest().starts_with(b"\\u") {
                    return Err("lone surrogate in a \\u escape");
                }
                self.at += 2;
                let low = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&low) {
                    return Err("lone surrogate in a \\u escape");
                }
                0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
            }
            0xdc00..=0xdfff => return Err("lone surrogate in a \\u escape"),
            _ => high,
        };
        char::from_u32(code).ok_or("lone surrogate in a \\u escape")
    }

    fn hex4(&mut self) -> Step<u32> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("expected four hex digits after \\u");
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| "expected four hex digits after \\u")
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Step<Number> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let int_start = self.at;
        let n = self.digits();
        if n == 0 || (n > 1 && self.text.as_bytes()[int_start] == b'0') {
            return Err("invalid number");
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            whole = false;
            if self.digits() == 0 {
                return Err("invalid number");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            whole = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err("invalid number");
            }
        }
        let text = self.text.get(start..self.at).unwrap_or_default();
        if whole {
            // "-0" is the float -0.0, as JavaScript reads it.
            if let Some(n) = text.parse().ok().filter(|_| !negative) {
                return Ok(Number::Uint(n));
            }
            if let Some(n) = text.parse().ok().filter(|&n: &i64| n < 0) {
                return Ok(Number::Int(n));
            }
        }
        match parse_f64(text) {
            Some(v) if v.is_finite() => Ok(Number::Float(v)),
            _ => {
                self.at = start;
                Err("number out of range")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(v: f64) -> String {
        let mut s = String::new();
        write_float(&mut s, v);
        s
    }

    #[test]
    fn floats_are_written_as_javascript_reads_them() {
        for (v, text) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (10.0, "10.0"),
            (-6.0, "-6.0"),
            (0.03, "0.03"),
            (0.00001, "0.00001"),
            (0.000001, "1e-6"),
            (1.5e-7, "1.5e-7"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (-2.5e20, "-2.5e+20"),
            (f64::from(0.1f32), "0.10000000149011612"),
            (f64::NAN, "null"),
            (f64::INFINITY, "null"),
            (f64::NEG_INFINITY, "null"),
        ] {
            assert_eq!(float(v), text, "{v:e}");
        }
        let mut w = Writer::new();
        w.begin_array()
            .short_f32(0.00001)
            .short_f32(10.0)
            .short_f32(0.1);
        w.end_array();
        assert_eq!(w.finish(), "[0.00001,10.0,0.1]");
    }

    #[test]
    fn floats_are_written_as_another_writer_writes_them() {
        let mut rng = crate::rng::Rng::new(32);
        for i in 0..100_000 {
            let v = if i % 2 == 0 {
                f64::from_bits(rng.u64())
            } else {
                f64::from(f32::from_bits(rng.u64() as u32))
            };
            if v.is_finite() {
                // Where two shortest decimals are equally near, the last digit may differ; the number read
                // is the same.
                let (ours, theirs) = (float(v), serde_json::to_string(&v).unwrap());
                assert!(
                    ours == theirs
                        || (ours.len() == theirs.len()
                            && ours.parse::<f64>().unwrap().to_bits() == v.to_bits()),
                    "{ours} {theirs}"
                );
            }
        }
    }

    #[test]
    fn every_float_written_reads_back_to_the_same_bits() {
        let mut rng = crate::rng::Rng::new(31);
        for _ in 0..100_000 {
            let v = f64::from_bits(rng.u64());
            if !v.is_finite() {
                continue;
            }
            let text = float(v);
            let Value::Number(n) = parse(&text).unwrap() else {
                panic!("{text}")
            };
            let back = match n {
                Number::Float(f) => f,
                other => panic!("{text} read as {other:?}"),
            };
            assert_eq!(back.to_bits(), v.to_bits(), "{text}");
            let v32 = v as f32;
            if v32.is_finite() {
                let text = float(f64::from(v32));
                assert_eq!(parse(&text).unwrap().as_f64().unwrap() as f32, v32);
            }
        }
    }

    #[test]
    fn strings_are_escaped_and_read_back() {
        let mut out = String::new();
        write_string(
            &mut out,
            "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}é→😀</script>\u{7f}",
        );
        assert_eq!(
            out,
            r#""a\"b\\c\n\r\t\b\f\u0001\u001fé→😀</script>""#
                .replace("</script>", "</script>\u{7f}")
        );
        assert_eq!(
            parse(&out).unwrap(),
            Value::String("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}é→😀</script>\u{7f}".into())
        );
        assert_eq!(
            parse(r#""\u00e9\/\ud83d\ude00""#).unwrap(),
            Value::String("é/😀".into())
        );
    }

    #[test]
    fn the_writer_places_commas() {
        let mut w = Writer::new();
        w.begin_object();
        w.key("a").begin_array().end_array();
        w.key("b").begin_object().end_object();
        w.key("c").strings(&["x", "y"]);
        w.key("d").opt_uint(None).key("e").opt_uint(Some(3));
        w.key("f").opt_string(Some("s")).key("g").opt_string(None);
        w.key("h").bool(true).key("i").raw("[1,2]").key("j").null();
        w.end_object();
        assert_eq!(
            w.finish(),
            r#"{"a":[],"b":{},"c":["x","y"],"d":null,"e":3,"f":"s","g":null,"h":true,"i":[1,2],"j":null}"#
        );
    }

    #[test]
    fn values_are_read_with_their_kinds() {
        let v = parse(" {\"a\": [1, -2, 1.5, 2e1, -0, 18446744073709551616, true, false, null, \"s\"], \"a\": {}}\n")
            .unwrap();
        assert_eq!(
            v.get("a"),
            Some(&Value::Object(vec![])),
            "the last repeated key"
        );
        let Value::Object(pairs) = &v else { panic!() };
        let Value::Array(items) = &pairs[0].1 else {
            panic!()
        };
        assert_eq!(
            items[..6],
            [
                Value::Number(Number::Uint(1)),
                Value::Number(Number::Int(-2)),
                Value::Number(Number::Float(1.5)),
                Value::Number(Number::Float(20.0)),
                Value::Number(Number::Float(-0.0)),
                Value::Number(Number::Float(18446744073709551616.0)),
            ]
        );
        assert_eq!(items[0].as_u64(), Some(1));
        assert_eq!(items[1].as_u64(), None);
        assert_eq!(items[3].as_u64(), None);
        assert_eq!(items[1].as_f64(), Some(-2.0));
        assert_eq!(
            v.to_string(),
            r#"{"a":[1,-2,1.5,20.0,-0.0,1.8446744073709552e+19,true,false,null,"s"],"a":{}}"#
        );
    }

    #[test]
    fn every_bad_text_is_refused_naming_the_problem_and_place() {
        for (text, problem, line, column) in [
            ("", "the text ends where a value should be", 1, 0),
            ("  ", "the text ends where a value should be", 1, 2),
            ("<script>", "expected a value", 1, 0),
            ("[1, 2", "the text ends inside a list", 1, 5),
            ("[1 2]", "expected ',' or ']'", 1, 3),
            ("[1,]", "expected a value", 1, 3),
            ("{\"a\":1,}", "expected a key in double quotes", 1, 7),
            ("{\"a\" 1}", "expected ':'", 1, 5),
            ("{\"a\":1 \"b\"}", "expected ',' or '}'", 1, 7),
            ("{1:2}", "expected a key in double quotes", 1, 1),
            ("{\"a\":", "the text ends where a value should be", 1, 5),
            ("\"abc", "the text ends inside a string", 1, 4),
            ("\"a\u{1}\"", "control character in a string", 1, 2),
            ("\"\\x\"", "unknown escape in a string", 1, 2),
            ("\"\\u12\"", "expected four hex digits after \\u", 1, 3),
            ("\"\\ud800\"", "lone surrogate in a \\u escape", 1, 7),
            ("\"\\udc00\"", "lone surrogate in a \\u escape", 1, 7),
            (
                "\"\\ud800\\u0041\"",
                "lone surrogate in a \\u escape",
                1,
                13,
            ),
            ("tru", "expected a value", 1, 1),
            ("NaN", "expected a value", 1, 0),
            ("Infinity", "expected a value", 1, 0),
            ("-Infinity", "invalid number", 1, 1),
            ("01", "invalid number", 1, 2),
            ("1.", "invalid number", 1, 2),
            (".5", "expected a value", 1, 0),
            ("1e", "invalid number", 1, 2),
            ("+1", "expected a value", 1, 0),
            ("1e999", "number out of range", 1, 0),
            ("[1] x", "trailing characters", 1, 4),
            ("{\n  \"é\": [\n    nul\n]}", "expected a value", 3, 5),
        ] {
            assert_eq!(
                parse(text),
                Err(Error {
                    problem,
                    line,
                    column
                }),
                "{text:?}"
            );
        }
        let e = parse("[1, ]").unwrap_err();
        assert_eq!(e.to_string(), "expected a value at line 1 column 4");
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        for deep in [
            format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1)),
            "[".repeat(100_000),
            "{\"a\":".repeat(100_000),
        ] {
            assert_eq!(
                parse(&deep).unwrap_err().problem,
                "nested deeper than 128 levels"
            );
        }
    }
}
