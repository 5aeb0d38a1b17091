//! Python bindings for scamsift: `scamsift._core`, a thin layer over the core crate.
//!
//! Design notes:
//! * Every Rust call into the core runs with the interpreter detached (`py.detach`), so Python threads
//!   classify in parallel, and inside `catch_unwind`, so a bug in the core surfaces as a `RuntimeError`
//!   instead of a `PanicException` (which is a `BaseException`).
//! * `Verdict` and `Hit` hold the core's Rust values and build Python objects only when an attribute
//!   is read: `classify_batch` costs one small allocation per text on top of the core.
//! * Offsets exposed to Python are the core's char offsets, i.e. Python `str` indices.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PySlice, PyString, PyTuple};

use scamsift::{Classifier, HostOffsets, Limits};
use serde::{Deserialize, Serialize};

// ------------------------------------------------------------------------------------------------
// Converted results: owned, picklable copies of what the core reports, with Python string indices.

/// One hit, converted: byte offsets and char offsets (Python `str` indices) from the core.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Hit {
    rule: Arc<str>,
    category: Arc<str>,
    family: Arc<str>,
    weight: f64,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CombinationHit {
    id: Arc<str>,
    family: Arc<str>,
    weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CategoryEvidence {
    category: Arc<str>,
    family: Arc<str>,
    points: f64,
    rules: Vec<Arc<str>>,
}

/// One entity, converted: the core's record (kind, offsets, text, typed value fields, description).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entity {
    kind: String,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    text: String,
    description: String,
    /// The typed value's fields (amount, currency, period, contact, value, chain, …), as the core
    /// serialises them.
    value: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Verdict {
    verdict: scamsift::Label,
    score: f64,
    family: Option<Arc<str>>,
    families: BTreeMap<Arc<str>, f64>,
    hits: Vec<Hit>,
    combinations: Vec<CombinationHit>,
    evidence: Vec<CategoryEvidence>,
    points: BTreeMap<Arc<str>, f64>,
    entities: Vec<Entity>,
    truncated: bool,
    /// Pickles from before framing existed have none: no scaling.
    #[serde(default = "no_scaling")]
    framing_scale: f64,
}

fn no_scaling() -> f64 {
    1.0
}

/// Converts the core's verdict on `text` (which must be the classified text).
fn convert(c: &Classifier, v: &scamsift::Verdict, text: &str) -> Verdict {
    let mut offsets = HostOffsets::new(text);
    let hits = v
        .hits()
        .map(|h| {
            let (cs, ce) = offsets.chars(h.start(), h.end());
            let r = h.rule();
            Hit {
                rule: r.id.clone(),
                category: r.category.clone(),
                family: r.family.clone(),
                weight: h.weight(),
                start: h.start(),
                end: h.end(),
                char_start: cs,
                char_end: ce,
                text: h.text(text).to_owned(),
            }
        })
        .collect();
    let entities = v
        .entities()
        .iter()
        .map(|e| {
            let (cs, ce) = offsets.chars(e.start(), e.end());
            let mut value = match serde_json::to_value(e.record(text)) {
                Ok(serde_json::Value::Object(m)) => m,
                _ => serde_json::Map::new(),
            };
            let description = match value.remove("description") {
                Some(serde_json::Value::String(d)) => d,
                _ => e.describe(text),
            };
            for k in ["kind", "start", "end", "char_start", "char_end", "text"] {
                value.remove(k);
            }
            Entity {
                kind: e.kind().as_str().to_owned(),
                start: e.start(),
                end: e.end(),
                char_start: cs,
                char_end: ce,
                text: e.text(text).to_owned(),
                description,
                value,
            }
        })
        .collect();
    let fam_names = c.families();
    let families = v
        .families()
        .enumerate()
        .map(|(i, (_, r))| (fam_names[i].clone(), r))
        .collect();
    let points = v
        .points()
        .filter_map(|(f, p)| {
            fam_names
                .iter()
                .find(|n| &***n == f)
                .map(|n| (n.clone(), p))
        })
        .collect();
    Verdict {
        verdict: v.label(),
        score: v.score(),
        family: v
            .family()
            .and_then(|f| fam_names.iter().find(|n| &***n == f).cloned()),
        families,
        hits,
        combinations: v
            .combinations()
            .map(|k| CombinationHit {
                id: k.id.clone(),
                family: k.family.clone(),
                weight: k.weight,
            })
            .collect(),
        evidence: v
            .evidence()
            .map(|e| CategoryEvidence {
                category: e.category().id.clone(),
                family: e.category().family.clone(),
                points: e.points(),
                rules: e.rules().map(|r| r.id.clone()).collect(),
            })
            .collect(),
        points,
        entities,
        truncated: v.truncated(),
        framing_scale: v.framing_scale(),
    }
}

impl Verdict {
    fn is_flagged(&self) -> bool {
        self.verdict != scamsift::Label::Clean
    }
}

mod arrow;

pyo3::create_exception!(
    scamsift,
    PackError,
    PyValueError,
    "An indicator pack is invalid. The message names the file, line and column, the rule and the field. \
     Attributes: code, file, line, column, rule, field (None when unknown)."
);

/// Most threads `classify_batch(threads=...)` accepts; up to it, more than 4 × the cores is capped.
const MAX_THREADS: usize = 1024;

// ------------------------------------------------------------------------------------------------
// Helpers

/// Runs `f` and turns a panic into a `RuntimeError`. The core promises not to panic; this is the
/// belt to that promise's braces, so no `PanicException` can reach Python code.
fn guard<T>(what: &str, f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        PyRuntimeError::new_err(format!(
            "internal error in scamsift ({what}): {msg}; please report it"
        ))
    })
}

/// Converts a core `PackError` into `scamsift.PackError` with structured attributes.
fn pack_err(py: Python<'_>, e: &scamsift::PackError) -> PyErr {
    let err = PackError::new_err(e.to_string());
    let value = err.value(py);
    // `None` for attributes the core does not know (e.g. no rule for a TOML syntax error).
    fn opt<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: Option<T>) -> Py<PyAny> {
        v.and_then(|v| pyo3::IntoPyObjectExt::into_py_any(v, py).ok())
            .unwrap_or_else(|| py.None())
    }
    let attrs: [(&str, Py<PyAny>); 6] = [
        (
            "code",
            PyString::new(py, e.kind().code()).into_any().unbind(),
        ),
        ("file", opt(py, e.file())),
        ("line", opt(py, e.line())),
        ("column", opt(py, e.column())),
        ("rule", opt(py, e.rule_id())),
        ("field", opt(py, e.field())),
    ];
    for (name, v) in attrs {
        // Setting an attribute on a fresh exception instance cannot fail in practice; ignore if it does.
        let _ = value.setattr(name, v);
    }
    err
}

/// A `PackError` raised by the binding itself (not by the core), e.g. a missing pack file.
/// Decodes the output of `str.encode("utf-8", "surrogatepass")`: every lone surrogate (3 bytes
/// `ED A0..BF 80..BF`) becomes one U+FFFD, so char offsets still equal Python string indices.
fn decode_surrogatepass(mut rest: &[u8]) -> String {
    let mut out = String::with_capacity(rest.len());
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                out.push('\u{FFFD}');
                let skip = if bad.len() >= 3
                    && bad[0] == 0xED
                    && (0xA0..=0xBF).contains(&bad[1])
                    && (0x80..=0xBF).contains(&bad[2])
                {
                    3
                } else {
                    e.error_len().unwrap_or(bad.len()).max(1)
                };
                rest = &bad[skip.min(bad.len())..];
            }
        }
    }
}

/// Extracts a text to classify. Lone surrogates (which UTF-8 cannot hold) become U+FFFD, one for one,
/// so offsets stay Python indices. Texts longer than the core's input limit are cut (in chars) before
/// copying: the core truncates at `max_bytes` bytes anyway, and a text of more than `max_bytes` chars
/// has more than `max_bytes` bytes, so the verdict still says `truncated`.
fn text_arg(obj: &Bound<'_, PyAny>, max_bytes: usize, index: Option<usize>) -> PyResult<String> {
    let (s, _) = text_str(obj, max_bytes, index)?;
    owned_text(&s)
}

/// The str to classify, cut to the core's input limit (see [`text_arg`]); the flag says whether it was cut.
fn text_str<'py>(
    obj: &Bound<'py, PyAny>,
    max_bytes: usize,
    index: Option<usize>,
) -> PyResult<(Bound<'py, PyString>, bool)> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let ty = obj
            .get_type()
            .name()
            .map_or_else(|_| "?".to_owned(), |n| n.to_string());
        match index {
            Some(i) => PyTypeError::new_err(format!("texts[{i}] must be str, not {ty}")),
            None => PyTypeError::new_err(format!("text must be str, not {ty}")),
        }
    })?;
    let len = s.code_point_len()?;
    if len > max_bytes.saturating_add(1) {
        let end = isize::try_from(max_bytes.saturating_add(1)).unwrap_or(isize::MAX);
        let cut = s
            .as_any()
            .get_item(PySlice::new(s.py(), 0, end, 1))?
            .cast_into::<PyString>()
            .map_err(PyErr::from)?;
        return Ok((cut, true));
    }
    Ok((s.clone(), false))
}

/// A copy of `s` as UTF-8 (lone surrogates as U+FFFD).
fn owned_text(s: &Bound<'_, PyString>) -> PyResult<String> {
    match s.to_cow() {
        Ok(c) => Ok(c.into_owned()),
        Err(_) => {
            let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            let bytes: &[u8] = bytes.extract()?;
            Ok(decode_surrogatepass(bytes))
        }
    }
}

/// The texts of a batch. Where the interpreter can lend a str's UTF-8 (CPython ≥ 3.10 keeps it inside
/// the str object, and for ASCII it *is* the str's data), the text is borrowed, not copied: that copy
/// was the largest serial cost of a batch of short messages. Otherwise (Python 3.9, lone surrogates)
/// it is copied. The strs are held here, so what they lend outlives the GIL-free classification.
struct TextBatch<'py> {
    _strs: Vec<Bound<'py, PyString>>,
    slots: Vec<Slot>,
}

enum Slot {
    /// UTF-8 owned by a str in `_strs`.
    Borrowed(*const u8, usize),
    Owned(String),
}

impl TextBatch<'_> {
    fn texts(&self) -> Vec<&str> {
        self.slots
            .iter()
            .map(|slot| match slot {
                // SAFETY: the pointer and length come from PyUnicode_AsUTF8AndSize, which returns the
                // str's own valid UTF-8 buffer; the str is kept alive (and strs are immutable) as long
                // as `self`, which this borrow cannot outlive.
                #[allow(unsafe_code)]
                Slot::Borrowed(p, n) => unsafe {
                    std::str::from_utf8_unchecked(std::slice::from_raw_parts(*p, *n))
                },
                Slot::Owned(s) => s.as_str(),
            })
            .collect()
    }
}

/// Takes a new object out of the cyclic garbage collector's lists. pyo3 makes every class
/// collectable, but a `Verdict` or `Hit` holds no Python object, so it can never be part of a cycle;
/// left tracked, the 100,000 verdicts of a batch made the collector walk them again and again while
/// the batch was being built (CPython untracks tuples of atoms the same way).
fn untracked<T>(obj: Py<T>) -> Py<T> {
    // SAFETY: `obj` is a live, GC-tracked object of a pyclass (pyo3 always sets Py_TPFLAGS_HAVE_GC)
    // and the GC never needs to see it: its Rust contents hold no Python references.
    #[allow(unsafe_code)]
    unsafe {
        pyo3::ffi::PyObject_GC_UnTrack(obj.as_ptr().cast());
    }
    obj
}

/// The UTF-8 a str holds, without copying, when the interpreter lends it safely.
#[cfg(not(windows))]
fn lend_utf8(s: &Bound<'_, PyString>) -> Option<(*const u8, usize)> {
    // PyUnicode_AsUTF8AndSize joined the stable ABI in 3.10; CPython has had it since 3.3, so the
    // symbol resolves under every interpreter this abi3 wheel loads in, and it is only called on
    // 3.10+. (Windows links abi3 modules against python3.dll, whose 3.9 build does not export it.)
    extern "C" {
        fn PyUnicode_AsUTF8AndSize(
            unicode: *mut pyo3::ffi::PyObject,
            size: *mut pyo3::ffi::Py_ssize_t,
        ) -> *const std::os::raw::c_char;
    }
    static LENDS: OnceLock<bool> = OnceLock::new();
    if !*LENDS.get_or_init(|| s.py().version_info() >= (3, 10)) {
        return None;
    }
    let mut size: pyo3::ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live str and the GIL is held.
    #[allow(unsafe_code)]
    let p = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
    if p.is_null() {
        // Lone surrogates cannot be UTF-8: clear the error, the caller copies with U+FFFD instead.
        drop(PyErr::take(s.py()));
        return None;
    }
    Some((p.cast::<u8>(), usize::try_from(size).unwrap_or(0)))
}

#[cfg(windows)]
fn lend_utf8(_: &Bound<'_, PyString>) -> Option<(*const u8, usize)> {
    None
}

fn texts_arg<'py>(texts: &Bound<'py, PyAny>, max_bytes: usize) -> PyResult<TextBatch<'py>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a single str (use classify())",
        ));
    }
    let n = texts.len().unwrap_or(0);
    let (mut strs, mut slots) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (i, t) in texts.try_iter()?.enumerate() {
        let (s, _) = text_str(&t?, max_bytes, Some(i))?;
        match lend_utf8(&s) {
            Some((p, len)) => {
                slots.push(Slot::Borrowed(p, len));
                strs.push(s);
            }
            None => slots.push(Slot::Owned(owned_text(&s)?)),
        }
    }
    Ok(TextBatch { _strs: strs, slots })
}

/// Most pools kept at once: asking for many sizes in turn drops the least recently used pool
/// (its threads end) instead of keeping one pool per size forever.
const MAX_POOLS: usize = 4;

/// Threads a batch actually uses: what was asked for, at most 4 × the available cores.
fn effective_threads(threads: usize) -> usize {
    let cap = std::thread::available_parallelism().map_or(4, |n| n.get().saturating_mul(4));
    threads.min(cap)
}

/// A rayon pool of `threads` threads, from a small cache of recently used sizes.
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    /// (threads, pool), least recently used first.
    type Pools = Vec<(usize, Arc<rayon::ThreadPool>)>;
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(i) = pools.iter().position(|(n, _)| *n == threads) {
        let entry = pools.remove(i);
        let p = entry.1.clone();
        pools.push(entry); // most recently used last
        return Ok(p);
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("scamsift-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    if pools.len() >= MAX_POOLS {
        pools.remove(0); // a batch still running on it holds its own Arc
    }
    pools.push((threads, p.clone()));
    Ok(p)
}

fn check_threads(threads: Option<usize>) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
    match threads {
        None => Ok(None),
        Some(0) => Err(PyValueError::new_err(
            "threads must be at least 1 (or None for all cores)",
        )),
        Some(n) if n > MAX_THREADS => Err(PyValueError::new_err(format!(
            "threads must be at most {MAX_THREADS}"
        ))),
        Some(n) => pool(effective_threads(n)).map(Some),
    }
}

fn batch(
    classifier: &Classifier,
    texts: &[&str],
    pool: Option<&rayon::ThreadPool>,
) -> Vec<Verdict> {
    use rayon::prelude::*;
    let run = || {
        let core = classifier.classify_batch(texts);
        core.par_iter()
            .zip(texts.par_iter())
            .map(|(v, t)| convert(classifier, v, t))
            .collect()
    };
    match pool {
        Some(p) => p.install(run),
        None => run(),
    }
}

/// Texts per chunk of an interruptible batch, and bytes: a chunk takes a few tens of milliseconds.
const CHUNK_TEXTS: usize = 2048;
const CHUNK_BYTES: usize = 2 << 20;

/// [`batch`] in chunks, the interpreter detached for each and signals checked between them, so
/// Ctrl-C (KeyboardInterrupt) stops a long batch within a fraction of a second.
fn batch_interruptible(
    py: Python<'_>,
    what: &str,
    classifier: &Classifier,
    texts: &[&str],
    pool: Option<&rayon::ThreadPool>,
) -> PyResult<Vec<Verdict>> {
    let mut verdicts = Vec::with_capacity(texts.len());
    let mut start = 0;
    while start < texts.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < texts.len()
            && end - start < CHUNK_TEXTS
            && (bytes < CHUNK_BYTES || end == start)
        {
            bytes += texts[end].len();
            end += 1;
        }
        let chunk = &texts[start..end];
        verdicts.extend(py.detach(|| guard(what, || batch(classifier, chunk, pool)))?);
        py.check_signals()?;
        start = end;
    }
    Ok(verdicts)
}

/// Python `repr()` of a string.
fn repr_str(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map_or_else(|_| format!("{s:?}"), |r| r.to_string())
}

fn repr_opt(py: Python<'_>, s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| repr_str(py, s))
}

/// `repr()` of a float as Python writes it.
fn repr_f64(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e16 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

// ------------------------------------------------------------------------------------------------
// Hit

/// One occurrence of a rule in the text. `start`/`end` are Python string indices:
/// `text[hit.start:hit.end] == hit.text`.
#[pyclass(frozen, name = "Hit", module = "scamsift")]
struct PyHit {
    inner: Hit,
}

fn hit_dict<'py>(py: Python<'py>, h: &Hit) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("rule", &*h.rule)?;
    d.set_item("category", &*h.category)?;
    d.set_item("family", &*h.family)?;
    d.set_item("weight", h.weight)?;
    d.set_item("start", h.char_start)?;
    d.set_item("end", h.char_end)?;
    d.set_item("byte_start", h.start)?;
    d.set_item("byte_end", h.end)?;
    d.set_item("text", &h.text)?;
    Ok(d)
}

#[pymethods]
impl PyHit {
    /// The rule's id.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }
    /// The rule's category.
    #[getter]
    fn category(&self) -> &str {
        &self.inner.category
    }
    /// The family the category counts toward (`*` for counter-evidence that applies to all).
    #[getter]
    fn family(&self) -> &str {
        &self.inner.family
    }
    /// The rule's weight in evidence points; negative for counter-evidence.
    #[getter]
    fn weight(&self) -> f64 {
        self.inner.weight
    }
    /// Start of the span: a Python string index into the classified text.
    #[getter]
    #[allow(clippy::misnamed_getters)] // Python's `start` is the core's char offset, on purpose.
    fn start(&self) -> usize {
        self.inner.char_start
    }
    /// End of the span (exclusive): a Python string index.
    #[getter]
    #[allow(clippy::misnamed_getters)]
    fn end(&self) -> usize {
        self.inner.char_end
    }
    /// Start of the span as a byte offset into the UTF-8 encoding of the text.
    #[getter]
    fn byte_start(&self) -> usize {
        self.inner.start
    }
    /// End of the span (exclusive) as a byte offset into the UTF-8 encoding.
    #[getter]
    fn byte_end(&self) -> usize {
        self.inner.end
    }
    /// The matched text, `text[start:end]`.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// The hit as a plain dict (JSON-serialisable).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        hit_dict(py, &self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let h = &self.inner;
        format!(
            "Hit(rule={}, category={}, family={}, weight={}, start={}, end={}, text={})",
            repr_str(py, &h.rule),
            repr_str(py, &h.category),
            repr_str(py, &h.family),
            repr_f64(h.weight),
            h.char_start,
            h.char_end,
            repr_str(py, &h.text)
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyHit>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    #[allow(non_upper_case_globals)]
    const __hash__: Option<Py<PyAny>> = None;
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = serde_json::to_string(&self.inner)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok((
            py.import("scamsift._core")?.getattr("_hit_from_json")?,
            (json,),
        ))
    }
}

// ------------------------------------------------------------------------------------------------
// Entity

/// A JSON value (from the core's entity record) as a Python object.
fn json_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    Ok(match v {
        serde_json::Value::Null => py.None().into_bound(py),
        serde_json::Value::Bool(b) => b.into_bound_py_any(py)?,
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_bound_py_any(py)?,
            None => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?,
        },
        serde_json::Value::String(s) => s.into_bound_py_any(py)?,
        serde_json::Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        serde_json::Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, json_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

fn entity_dict<'py>(py: Python<'py>, e: &Entity) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("kind", &e.kind)?;
    d.set_item("start", e.char_start)?;
    d.set_item("end", e.char_end)?;
    d.set_item("byte_start", e.start)?;
    d.set_item("byte_end", e.end)?;
    d.set_item("text", &e.text)?;
    d.set_item("description", &e.description)?;
    for (k, v) in &e.value {
        d.set_item(k, json_py(py, v)?)?;
    }
    Ok(d)
}

/// A typed entity found in the text: an amount of money, a promised return, a contact or a wallet.
/// `start`/`end` are Python string indices: `text[e.start:e.end] == e.text`. The typed fields
/// (`amount`, `currency`, `period`, `usd_per_month`, `contact`, `value`, `domain`, `chain`, …) are in
/// `e.value`.
#[pyclass(frozen, name = "Entity", module = "scamsift")]
struct PyEntity {
    inner: Entity,
}

#[pymethods]
impl PyEntity {
    /// `"money"`, `"return"`, `"contact"` or `"wallet"`.
    #[getter]
    fn kind(&self) -> &str {
        &self.inner.kind
    }
    /// Start of the span: a Python string index into the classified text.
    #[getter]
    #[allow(clippy::misnamed_getters)]
    fn start(&self) -> usize {
        self.inner.char_start
    }
    /// End of the span (exclusive): a Python string index.
    #[getter]
    #[allow(clippy::misnamed_getters)]
    fn end(&self) -> usize {
        self.inner.char_end
    }
    /// Start as a byte offset into the UTF-8 encoding of the text.
    #[getter]
    fn byte_start(&self) -> usize {
        self.inner.start
    }
    /// End (exclusive) as a byte offset into the UTF-8 encoding.
    #[getter]
    fn byte_end(&self) -> usize {
        self.inner.end
    }
    /// The entity's text, `text[start:end]`.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// The entity in plain words, e.g. "Telegram @hr_amy" or "₹8,000 per day ≈ US$2,496/month".
    #[getter]
    fn description(&self) -> &str {
        &self.inner.description
    }
    /// The typed value's fields as a new dict (money: amount, amount_max, currency, period, usd,
    /// usd_per_month; return: form, percent, percent_max, factor, hours, invested, received; contact:
    /// contact, value, domain, shortener; wallet: chain, value).
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_py(py, &serde_json::Value::Object(self.inner.value.clone()))
    }
    /// The entity as a plain dict (JSON-serialisable).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        entity_dict(py, &self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Entity(kind={}, start={}, end={}, text={}, description={})",
            repr_str(py, &self.inner.kind),
            self.inner.char_start,
            self.inner.char_end,
            repr_str(py, &self.inner.text),
            repr_str(py, &self.inner.description)
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyEntity>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    #[allow(non_upper_case_globals)]
    const __hash__: Option<Py<PyAny>> = None;
}

// ------------------------------------------------------------------------------------------------
// Verdict

/// The explained result of classifying one text.
#[pyclass(frozen, name = "Verdict", module = "scamsift")]
struct PyVerdict {
    inner: Verdict,
}

fn families_dict<'py>(
    py: Python<'py>,
    m: &std::collections::BTreeMap<Arc<str>, f64>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in m {
        d.set_item(&**k, *v)?;
    }
    Ok(d)
}

fn hits_list<'py>(py: Python<'py>, hits: &[Hit]) -> PyResult<Bound<'py, PyList>> {
    let items = hits
        .iter()
        .map(|h| Py::new(py, PyHit { inner: h.clone() }).map(untracked))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

#[pymethods]
impl PyVerdict {
    /// `"clean"`, `"suspicious"` or `"scam"`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.inner.verdict.as_str()
    }
    /// Risk of the top family, 0–1.
    #[getter]
    fn score(&self) -> f64 {
        self.inner.score
    }
    /// The family with the most evidence, or None when no evidence was found.
    #[getter]
    fn family(&self) -> Option<&str> {
        self.inner.family.as_deref()
    }
    /// Risk (0–1) of every family the classifier knows.
    #[getter]
    fn families<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        families_dict(py, &self.inner.families)
    }
    /// Every rule occurrence, counter-evidence included, in text order (a new list on each access).
    #[getter]
    fn hits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        hits_list(py, &self.inner.hits)
    }
    /// Amounts, promised returns, contacts and wallets found, in text order (a new list on each
    /// access).
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .inner
            .entities
            .iter()
            .map(|e| Py::new(py, PyEntity { inner: e.clone() }).map(untracked))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }
    /// Ids of the combinations that fired.
    #[getter]
    fn combinations(&self) -> Vec<String> {
        self.inner
            .combinations
            .iter()
            .map(|c| c.id.to_string())
            .collect()
    }
    /// True when the text was longer than the input limit and only its first part was classified.
    #[getter]
    fn truncated(&self) -> bool {
        self.inner.truncated
    }
    /// The factor by which advisory or news framing scaled the evidence down: 1.0 when none fired,
    /// smaller the stronger it is (see the pack format's "Framing").
    #[getter]
    fn framing_scale(&self) -> f64 {
        self.inner.framing_scale
    }
    /// True unless the verdict is `"clean"`.
    #[getter]
    fn flagged(&self) -> bool {
        self.inner.is_flagged()
    }
    /// The whole explanation as plain dicts and lists (JSON-serialisable). Hit `start`/`end` are
    /// Python string indices; `byte_start`/`byte_end` are UTF-8 byte offsets.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = &self.inner;
        let d = PyDict::new(py);
        d.set_item("verdict", v.verdict.as_str())?;
        d.set_item("score", v.score)?;
        d.set_item("family", v.family.as_deref())?;
        d.set_item("families", families_dict(py, &v.families)?)?;
        let hits = v
            .hits
            .iter()
            .map(|h| hit_dict(py, h))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("hits", PyList::new(py, hits)?)?;
        let combos = PyList::empty(py);
        for c in &v.combinations {
            let cd = PyDict::new(py);
            cd.set_item("id", &*c.id)?;
            cd.set_item("family", &*c.family)?;
            cd.set_item("weight", c.weight)?;
            combos.append(cd)?;
        }
        d.set_item("combinations", combos)?;
        let evidence = PyList::empty(py);
        for e in &v.evidence {
            let ed = PyDict::new(py);
            ed.set_item("category", &*e.category)?;
            ed.set_item("family", &*e.family)?;
            ed.set_item("points", e.points)?;
            ed.set_item("rules", e.rules.iter().map(|r| &**r).collect::<Vec<&str>>())?;
            evidence.append(ed)?;
        }
        d.set_item("evidence", evidence)?;
        d.set_item("points", families_dict(py, &v.points)?)?;
        let entities = v
            .entities
            .iter()
            .map(|e| entity_dict(py, e))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("entities", PyList::new(py, entities)?)?;
        d.set_item("truncated", v.truncated)?;
        d.set_item("framing_scale", v.framing_scale)?;
        Ok(d)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let v = &self.inner;
        let mut rules: Vec<&str> = v.hits.iter().map(|h| &*h.rule).collect();
        rules.dedup();
        let rules: Vec<String> = rules.into_iter().map(|r| repr_str(py, r)).collect();
        format!(
            "Verdict(verdict={}, score={}, family={}, rules=[{}]{})",
            repr_str(py, v.verdict.as_str()),
            repr_f64(v.score),
            repr_opt(py, v.family.as_deref()),
            rules.join(", "),
            if v.truncated { ", truncated=True" } else { "" }
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyVerdict>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    #[allow(non_upper_case_globals)]
    const __hash__: Option<Py<PyAny>> = None;
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = serde_json::to_string(&self.inner)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok((
            py.import("scamsift._core")?.getattr("_verdict_from_json")?,
            (json,),
        ))
    }
}

// ------------------------------------------------------------------------------------------------
// Classifier

/// Where a pack came from: kept so a classifier can be pickled (rebuilt from its sources).
#[derive(Debug, Clone)]
enum Source {
    /// TOML text (given as text, or read from a single file), with the name used in messages.
    Text { origin: String, text: String },
    /// A directory of `*.toml` files: re-read when unpickled.
    Dir(PathBuf),
}

fn builtin(py: Python<'_>) -> PyResult<Classifier> {
    let r = py.detach(|| guard("compiling the built-in pack", Classifier::try_builtin))?;
    r.map_err(|e| pack_err(py, &e))
}

/// The `Limits` keyword arguments (`max_regexes=…`), passed through to the core builder, which
/// range-checks them; `None` for the defaults.
fn limits_arg(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Limits> {
    let mut l = Limits::default();
    for (k, v) in kwargs.into_iter().flatten() {
        let name: String = k.extract()?;
        let v: usize = v.extract()?;
        let slot = match name.as_str() {
            "max_input_bytes" => &mut l.max_input_bytes,
            "max_patterns" => &mut l.max_patterns,
            "max_regex_size" => &mut l.max_regex_size,
            "max_hits_per_rule" => &mut l.max_hits_per_rule,
            "max_regexes" => &mut l.max_regexes,
            "max_unprefixed_regexes" => &mut l.max_unprefixed_regexes,
            "max_regex_memory" => &mut l.max_regex_memory,
            "max_regex_cache" => &mut l.max_regex_cache,
            "max_regex_len" => &mut l.max_regex_len,
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "from_pack() got an unexpected keyword argument '{name}'"
                )))
            }
        };
        *slot = v;
    }
    Ok(l)
}

/// The limits that differ from the defaults, as `(name, value)` pairs (for pickling).
fn limits_items(l: &Limits) -> Vec<(&'static str, usize)> {
    let d = Limits::default();
    [
        ("max_input_bytes", l.max_input_bytes, d.max_input_bytes),
        ("max_patterns", l.max_patterns, d.max_patterns),
        ("max_regex_size", l.max_regex_size, d.max_regex_size),
        (
            "max_hits_per_rule",
            l.max_hits_per_rule,
            d.max_hits_per_rule,
        ),
        ("max_regexes", l.max_regexes, d.max_regexes),
        (
            "max_unprefixed_regexes",
            l.max_unprefixed_regexes,
            d.max_unprefixed_regexes,
        ),
        ("max_regex_memory", l.max_regex_memory, d.max_regex_memory),
        ("max_regex_cache", l.max_regex_cache, d.max_regex_cache),
        ("max_regex_len", l.max_regex_len, d.max_regex_len),
    ]
    .into_iter()
    .filter(|(_, v, d)| v != d)
    .map(|(n, v, _)| (n, v))
    .collect()
}

fn build(
    py: Python<'_>,
    include_builtin: bool,
    sources: &[Source],
    limits: Limits,
) -> PyResult<Classifier> {
    let r = py.detach(|| {
        guard("compiling a pack", || {
            let mut b = Classifier::builder()
                .include_builtin(include_builtin)
                .limits(limits);
            for s in sources {
                b = match s {
                    Source::Text { origin, text } => {
                        b.add_pack_str(origin, text).map_err(Box::new)?
                    }
                    Source::Dir(p) => b.add_pack_file(p).map_err(Box::new)?,
                };
            }
            b.build().map_err(Box::new)
        })
    })?;
    r.map_err(|e| pack_err(py, &e))
}

/// A compiled, immutable scam-text classifier. Safe to share between threads.
#[pyclass(frozen, name = "Classifier", module = "scamsift")]
struct PyClassifier {
    inner: Classifier,
    include_builtin: bool,
    /// `None`: the built-in classifier.
    sources: Option<Vec<Source>>,
}

impl PyClassifier {
    fn max_bytes(&self) -> usize {
        self.inner.limits().max_input_bytes
    }
}

#[pymethods]
impl PyClassifier {
    /// The classifier for the built-in pack (compiled once per process and shared).
    #[new]
    fn new(py: Python<'_>) -> PyResult<Self> {
        Ok(PyClassifier {
            inner: builtin(py)?,
            include_builtin: true,
            sources: None,
        })
    }

    /// A classifier with a custom pack: `text_or_path` is a path if it names an existing file or
    /// directory (every `*.toml` under it forms the pack), else the pack's TOML text. Keyword
    /// arguments named like the core's `Limits` fields (`max_regexes=…`, `max_input_bytes=…`) set
    /// those limits; a value out of range is a `PackError`.
    #[staticmethod]
    #[pyo3(signature = (text_or_path, *, include_builtin = true, **limits))]
    fn from_pack(
        py: Python<'_>,
        text_or_path: &Bound<'_, PyAny>,
        include_builtin: bool,
        limits: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let limits = limits_arg(limits)?;
        let source = if let Ok(s) = text_or_path.cast::<PyString>() {
            match scamsift::PackArg::guess(&s.to_cow()?) {
                scamsift::PackArg::Path(p) => path_source(py, &p)?,
                scamsift::PackArg::Toml(text) => Source::Text {
                    origin: scamsift::PackArg::TEXT_ORIGIN.to_owned(),
                    text,
                },
                _ => return Err(PyTypeError::new_err("unsupported pack argument")),
            }
        } else {
            let p: PathBuf = text_or_path
                .extract()
                .map_err(|_| PyTypeError::new_err("text_or_path must be str or os.PathLike"))?;
            path_source(py, &p)?
        };
        let sources = vec![source];
        Ok(PyClassifier {
            inner: build(py, include_builtin, &sources, limits)?,
            include_builtin,
            sources: Some(sources),
        })
    }

    /// Classifies one text. Never fails on a str; lone surrogates are read as U+FFFD.
    fn classify(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyVerdict> {
        let text = text_arg(text, self.max_bytes(), None)?;
        let c = &self.inner;
        let v = py.detach(|| guard("classify", || convert(c, &c.classify(&text), &text)))?;
        Ok(PyVerdict { inner: v })
    }

    /// Classifies many texts in parallel: on all cores when `threads` is None, else on a pool of
    /// that many threads (at most 4 × the cores). The result is in input order and equals
    /// classifying one by one. Ctrl-C interrupts it between chunks (KeyboardInterrupt).
    #[pyo3(signature = (texts, *, threads = None))]
    fn classify_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let pool = check_threads(threads)?;
        let batch_texts = texts_arg(texts, self.max_bytes())?;
        let texts = batch_texts.texts();
        let c = &self.inner;
        let verdicts = batch_interruptible(py, "classify_batch", c, &texts, pool.as_deref())?;
        drop(batch_texts);
        let items = verdicts
            .into_iter()
            .map(|v| Py::new(py, PyVerdict { inner: v }).map(untracked))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// Classifies the text column of an Arrow array, chunked array, record batch or table (any
    /// `__arrow_c_array__`/`__arrow_c_stream__` exporter) without a Python object per row. Returns
    /// an `ArrowVerdicts` record batch with one row per input row (see `bindings/python/README.md`).
    #[pyo3(signature = (data, *, column = None, threads = None, hits = true))]
    fn classify_arrow(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        column: Option<&str>,
        threads: Option<usize>,
        hits: bool,
    ) -> PyResult<arrow::ArrowVerdicts> {
        arrow::classify_arrow(py, &self.inner, data, column, threads, hits)
    }

    /// The schema of `classify_arrow`'s result for this classifier, as an empty `ArrowVerdicts`.
    #[pyo3(signature = (*, hits = true))]
    fn arrow_schema(&self, hits: bool) -> arrow::ArrowVerdicts {
        arrow::schema(&self.inner, hits)
    }

    /// Name of the first pack (the built-in one when included).
    #[getter]
    fn pack_name(&self) -> &str {
        self.inner.packs().first().map_or("", |p| &p.name)
    }

    /// Version of the first pack.
    #[getter]
    fn pack_version(&self) -> &str {
        self.inner.packs().first().map_or("", |p| &p.version)
    }

    /// Every pack compiled in, the built-in one first when included: dicts with name, version,
    /// languages and description.
    #[getter]
    fn packs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for p in self.inner.packs() {
            let d = PyDict::new(py);
            d.set_item("name", &p.name)?;
            d.set_item("version", &p.version)?;
            d.set_item("languages", &p.languages)?;
            d.set_item("description", &p.description)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// Every family, in the order the packs introduced them.
    #[getter]
    fn families(&self) -> Vec<String> {
        self.inner
            .families()
            .iter()
            .map(|f| f.to_string())
            .collect()
    }

    /// One rule by id as a dict (id, category, family, weight, languages, what, why,
    /// false_positives, phrases, regexes, entity, examples, origin, line), or None.
    fn rule<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.inner.rule(id) {
            None => Ok(None),
            Some(r) => {
                let v =
                    serde_json::to_value(r).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
                json_py(py, &v).map(Some)
            }
        }
    }

    /// Ids of every rule.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.inner
            .rules()
            .iter()
            .map(|r| r.id.to_string())
            .collect()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let packs: Vec<String> = self
            .inner
            .packs()
            .iter()
            .map(|p| repr_str(py, &format!("{} {}", p.name, p.version)))
            .collect();
        format!(
            "Classifier(packs=[{}], rules={})",
            packs.join(", "),
            self.inner.rules().len()
        )
    }

    /// Pickling rebuilds the classifier from its pack sources (TOML text is carried along; a pack
    /// directory is re-read from the same path on the unpickling side).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let rebuild = py.import("scamsift._core")?.getattr("_rebuild")?;
        let sources = PyList::empty(py);
        for s in self.sources.iter().flatten() {
            match s {
                Source::Text { origin, text } => sources.append(("text", origin, text))?,
                Source::Dir(p) => sources.append(("dir", p.to_string_lossy(), ""))?,
            }
        }
        let builtin_only = self.sources.is_none();
        Ok((
            rebuild,
            PyTuple::new(
                py,
                [
                    builtin_only.into_pyobject(py)?.to_owned().into_any(),
                    self.include_builtin
                        .into_pyobject(py)?
                        .to_owned()
                        .into_any(),
                    sources.into_any(),
                    limits_items(&self.inner.limits())
                        .into_pyobject(py)?
                        .into_any(),
                ],
            )?,
        ))
    }
}

fn path_source(py: Python<'_>, p: &Path) -> PyResult<Source> {
    if p.is_dir() {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        return Ok(Source::Dir(abs));
    }
    match std::fs::read_to_string(p) {
        // Same origin as the core's `add_pack_file` uses for a single file.
        Ok(text) => Ok(Source::Text {
            origin: p.display().to_string(),
            text,
        }),
        // Let the core report the I/O error in its own words.
        Err(io) => {
            let core = py.detach(|| {
                guard("reading a pack", || {
                    Classifier::builder()
                        .include_builtin(false)
                        .add_pack_file(p)
                        .err()
                })
            })?;
            match core {
                Some(e) => Err(pack_err(py, &e)),
                // Readable by the core after all (a race): report what we saw.
                None => Err(PyRuntimeError::new_err(format!("{}: {io}", p.display()))),
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Hidden helpers

/// Unpickles a classifier.
#[pyfunction]
#[pyo3(signature = (builtin_only, include_builtin, sources, limits = Vec::new()))]
fn _rebuild(
    py: Python<'_>,
    builtin_only: bool,
    include_builtin: bool,
    sources: Vec<(String, String, String)>,
    limits: Vec<(String, usize)>,
) -> PyResult<PyClassifier> {
    if builtin_only {
        return PyClassifier::new(py);
    }
    let mut out = Vec::with_capacity(sources.len());
    for (kind, origin, text) in sources {
        out.push(match kind.as_str() {
            "text" => Source::Text { origin, text },
            "dir" => Source::Dir(PathBuf::from(origin)),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown pack source kind {other:?}"
                )))
            }
        });
    }
    let kwargs = PyDict::new(py);
    for (k, v) in limits {
        kwargs.set_item(k, v)?;
    }
    Ok(PyClassifier {
        inner: build(py, include_builtin, &out, limits_arg(Some(&kwargs))?)?,
        include_builtin,
        sources: Some(out),
    })
}

/// Unpickles a verdict.
#[pyfunction]
fn _verdict_from_json(json: &str) -> PyResult<PyVerdict> {
    serde_json::from_str(json)
        .map(|inner| PyVerdict { inner })
        .map_err(|e| PyValueError::new_err(format!("bad pickled Verdict: {e}")))
}

/// Unpickles a hit.
#[pyfunction]
fn _hit_from_json(json: &str) -> PyResult<PyHit> {
    serde_json::from_str(json)
        .map(|inner| PyHit { inner })
        .map_err(|e| PyValueError::new_err(format!("bad pickled Hit: {e}")))
}

/// Benchmark helper: seconds the core alone takes to classify `texts` (already converted to Rust
/// strings, verdicts dropped without building Python objects), with the same threading as
/// `classify_batch`. Returns `(seconds, flagged_count)`.
#[pyfunction]
#[pyo3(signature = (classifier, texts, *, threads = None))]
fn _bench_core(
    py: Python<'_>,
    classifier: &Bound<'_, PyClassifier>,
    texts: &Bound<'_, PyAny>,
    threads: Option<usize>,
) -> PyResult<(f64, usize)> {
    let c = classifier.get();
    let pool = check_threads(threads)?;
    let batch_texts = texts_arg(texts, c.max_bytes())?;
    let texts = batch_texts.texts();
    let c = &c.inner;
    py.detach(|| {
        guard("_bench_core", || {
            let t0 = Instant::now();
            let verdicts = batch(c, &texts, pool.as_deref());
            let flagged = verdicts.iter().filter(|v| v.is_flagged()).count();
            drop(verdicts);
            (t0.elapsed().as_secs_f64(), flagged)
        })
    })
}

/// scamsift's native module. Use the `scamsift` package, which re-exports it.
#[pymodule(gil_used = false)]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("PackError", m.py().get_type::<PackError>())?;
    m.add_class::<PyClassifier>()?;
    m.add_class::<PyVerdict>()?;
    m.add_class::<PyHit>()?;
    m.add_class::<PyEntity>()?;
    m.add_class::<arrow::ArrowVerdicts>()?;
    m.add_function(wrap_pyfunction!(_rebuild, m)?)?;
    m.add_function(wrap_pyfunction!(_verdict_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(_hit_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_core, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::decode_surrogatepass;

    #[test]
    fn surrogates_become_one_replacement_each() {
        // "a\ud800b" and a pair of lone surrogates encoded with surrogatepass.
        assert_eq!(decode_surrogatepass(b"a\xed\xa0\x80b"), "a\u{FFFD}b");
        assert_eq!(
            decode_surrogatepass(b"\xed\xa0\xbd\xed\xb8\x80!"),
            "\u{FFFD}\u{FFFD}!"
        );
        assert_eq!(decode_surrogatepass("héllo 😀".as_bytes()), "héllo 😀");
        assert_eq!(decode_surrogatepass(b"\xff\xed"), "\u{FFFD}\u{FFFD}");
    }
}
