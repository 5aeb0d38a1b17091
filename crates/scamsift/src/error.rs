//! Typed errors for pack loading and compilation.

use std::fmt;

/// What went wrong while loading or compiling a pack. Stable codes (`E001`…) appear in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PackErrorKind {
    /// The file could not be read.
    Io,
    /// The TOML is malformed, or a field has the wrong type, is missing or unknown.
    Syntax,
    /// No `[pack]` header, or more than one.
    Header,
    /// Two rules, categories or combinations share an id.
    DuplicateId,
    /// A rule names a category, or a combination a term, that does not exist.
    UnknownReference,
    /// A regex does not compile.
    Regex,
    /// A value is out of range or malformed (empty id, non-finite weight, rule without patterns, …).
    InvalidValue,
    /// A resource limit was exceeded (patterns, regex size).
    Limit,
    /// A builder override names a rule that does not exist.
    UnknownRule,
}

impl PackErrorKind {
    /// The stable code printed in messages, e.g. `E005`.
    pub fn code(self) -> &'static str {
        match self {
            PackErrorKind::Io => "E001",
            PackErrorKind::Syntax => "E002",
            PackErrorKind::Header => "E003",
            PackErrorKind::DuplicateId => "E004",
            PackErrorKind::UnknownReference => "E005",
            PackErrorKind::Regex => "E006",
            PackErrorKind::InvalidValue => "E007",
            PackErrorKind::Limit => "E008",
            PackErrorKind::UnknownRule => "E009",
        }
    }
}

/// An error in an indicator pack: says which file, line and column, which rule and which field, and
/// what to fix.
///
/// ```
/// let err = scamsift::Classifier::builder()
///     .include_builtin(false)
///     .add_pack_str("bad.toml", "[pack]\nname = \"x\"\nversion = \"1\"\n[[rule]]\nid = \"r1\"\ncategory = \"nope\"\nweight = 1.0\nphrases = [\"hi there\"]\n")
///     .and_then(|b| b.build())
///     .unwrap_err();
/// assert_eq!(err.rule_id(), Some("r1"));
/// assert_eq!(err.field(), Some("category"));
/// assert_eq!(err.to_string(), "error[E005]: bad.toml:6:12: rule `r1`, field `category`: unknown category `nope`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    // Boxed so `Result<_, PackError>` stays one pointer wide.
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: PackErrorKind,
    origin: Option<String>,
    position: Option<(usize, usize)>,
    rule: Option<String>,
    field: Option<String>,
    message: String,
}

impl PackError {
    pub(crate) fn new(kind: PackErrorKind, message: impl Into<String>) -> Self {
        PackError {
            inner: Box::new(Inner {
                kind,
                origin: None,
                position: None,
                rule: None,
                field: None,
                message: message.into(),
            }),
        }
    }

    pub(crate) fn with_origin(mut self, origin: &str) -> Self {
        self.inner.origin = Some(origin.to_owned());
        self
    }

    pub(crate) fn at(mut self, source: &str, byte: usize) -> Self {
        self.inner.position = Some(line_col(source, byte));
        self
    }

    pub(crate) fn with_rule(mut self, id: impl Into<String>) -> Self {
        self.inner.rule = Some(id.into());
        self
    }

    pub(crate) fn with_field(mut self, field: impl Into<String>) -> Self {
        self.inner.field = Some(field.into());
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> PackErrorKind {
        self.inner.kind
    }

    /// The file (or the name given to a pack loaded from a string).
    pub fn file(&self) -> Option<&str> {
        self.inner.origin.as_deref()
    }

    /// 1-based line of the offending item, when known.
    pub fn line(&self) -> Option<usize> {
        self.inner.position.map(|p| p.0)
    }

    /// 1-based column of the offending item, when known.
    pub fn column(&self) -> Option<usize> {
        self.inner.position.map(|p| p.1)
    }

    /// The id of the rule (or category, or combination) at fault, when known.
    pub fn rule_id(&self) -> Option<&str> {
        self.inner.rule.as_deref()
    }

    /// The field at fault, e.g. `regexes[2]`, when known.
    pub fn field(&self) -> Option<&str> {
        self.inner.field.as_deref()
    }

    /// The description of the problem alone, without location.
    pub fn message(&self) -> &str {
        &self.inner.message
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.inner;
        write!(f, "error[{}]: ", e.kind.code())?;
        if let Some(origin) = &e.origin {
            write!(f, "{origin}")?;
            if let Some((l, c)) = e.position {
                write!(f, ":{l}:{c}")?;
            }
            write!(f, ": ")?;
        }
        match (&e.rule, &e.field) {
            (Some(r), Some(fl)) => write!(f, "rule `{r}`, field `{fl}`: ")?,
            (Some(r), None) => write!(f, "rule `{r}`: ")?,
            (None, Some(fl)) => write!(f, "field `{fl}`: ")?,
            (None, None) => {}
        }
        write!(f, "{}", e.message)
    }
}

impl std::error::Error for PackError {}

/// 1-based line and column (in chars) of a byte offset.
pub(crate) fn line_col(source: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(source.len());
    while !source.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &source[..byte];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
