//! Arrow in, Arrow out: classify a string column read straight from Arrow buffers.
//!
//! Invariant: the result has exactly one row per input row, in input order, and a result row is null
//! exactly when its text is null or cannot be read as UTF-8 (then the `error` column says why and the
//! batch goes on). No Python object is created per row: texts are borrowed from the producer's
//! buffers, classified with the interpreter detached, and the result is built as Arrow columns.
//!
//! The input is anything that exports the Arrow PyCapsule interface (`__arrow_c_array__` or
//! `__arrow_c_stream__`: pyarrow, polars, DuckDB, nanoarrow, arro3), read through `pyo3-arrow`.
//! Arrow's C data interface does not promise valid UTF-8 in `string` buffers and the import does not
//! check, so every value is read as bytes and checked here, row by row.
//!
//! The result's columns are listed once, in [`result_columns`]: adding one (say `entities`) is one
//! more function and one more line there.

use std::sync::Arc;

use arrow_array::builder::{BooleanBufferBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    BinaryViewType, ByteArrayType, GenericBinaryType, GenericStringType, StringViewType,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, GenericByteArray, GenericByteViewArray,
    Int64Array, ListArray, RecordBatch, StringArray, StructArray,
};
use arrow_buffer::{ArrowNativeType, NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use pyo3_arrow::ffi::{
    to_array_pycapsules, to_schema_pycapsule, to_stream_pycapsule, ArrayIterator,
};
use pyo3_arrow::input::AnyArray;

use scamsift::Classifier;

use super::Verdict;

/// One input row, as the classifier sees it.
enum Row<'a> {
    Null,
    /// The value is not UTF-8 (or the producer's offsets are out of range): the message says where.
    Bad(String),
    Text(&'a str),
}

fn read_bytes(i: usize, bytes: Option<&[u8]>) -> Row<'_> {
    match bytes {
        None => Row::Bad(format!(
            "row {i}: the array's offsets point outside its data buffer"
        )),
        Some(b) => match std::str::from_utf8(b) {
            Ok(s) => Row::Text(s),
            Err(e) => Row::Bad(format!(
                "text is not valid UTF-8 (first bad byte at offset {})",
                e.valid_up_to()
            )),
        },
    }
}

/// Rows of a `string`/`large_string`/`binary`/`large_binary` array. Offsets are read from the
/// (already sliced) offset buffer and checked against the data buffer instead of trusted.
fn offset_rows<'a, T: ByteArrayType>(a: &'a GenericByteArray<T>, out: &mut Vec<Row<'a>>) {
    let offsets = a.value_offsets();
    let data = a.values().as_slice();
    for i in 0..a.len() {
        if a.is_null(i) {
            out.push(Row::Null);
            continue;
        }
        let span = match (offsets[i].to_usize(), offsets[i + 1].to_usize()) {
            (Some(s), Some(e)) if s <= e => data.get(s..e),
            _ => None,
        };
        out.push(read_bytes(i, span));
    }
}

/// Rows of a `string_view`/`binary_view` array, read as bytes.
fn view_rows<'a>(a: &'a GenericByteViewArray<BinaryViewType>, out: &mut Vec<Row<'a>>) {
    for i in 0..a.len() {
        out.push(if a.is_null(i) {
            Row::Null
        } else {
            read_bytes(i, Some(a.value(i)))
        });
    }
}

/// Whether `dt` is a type of text column this module reads.
fn is_text_type(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
    )
}

/// The text column of one input chunk: the chunk itself, or its field `column` when it is a table's
/// (struct) chunk. Views of `string_view` chunks are re-typed as `binary_view` (free: same buffers),
/// so no value is ever taken as UTF-8 unchecked.
fn text_column(chunk: &ArrayRef, column: Option<&str>) -> PyResult<ArrayRef> {
    let col = match (chunk.data_type(), column) {
        (DataType::Struct(fields), Some(name)) => {
            let s = chunk.as_struct();
            let idx = fields
                .iter()
                .position(|f| f.name() == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
                    PyValueError::new_err(format!(
                        "no column {name:?} in the input; its columns are {names:?}"
                    ))
                })?;
            s.column(idx).clone()
        }
        (DataType::Struct(fields), None) => {
            let texts: Vec<usize> = (0..fields.len())
                .filter(|&i| is_text_type(fields[i].data_type()))
                .collect();
            match texts.as_slice() {
                [only] if fields.len() == 1 => chunk.as_struct().column(*only).clone(),
                _ => {
                    let names: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
                    return Err(PyValueError::new_err(format!(
                        "the input is a table with columns {names:?}: say which holds the texts with column=..."
                    )));
                }
            }
        }
        (_, Some(name)) => {
            return Err(PyValueError::new_err(format!(
            "column={name:?} picks a column of a table or record batch, but the input is a single \
                 {} array: leave column out",
            chunk.data_type()
        )))
        }
        (_, None) => chunk.clone(),
    };
    if let DataType::Dictionary(_, values) = col.data_type() {
        if is_text_type(values) {
            // Categorical columns (polars, pandas): expand to plain values; a copy, but a rare input.
            let plain = arrow_cast::cast(&col, values)
                .map_err(|e| PyValueError::new_err(format!("cannot expand the dictionary: {e}")))?;
            return text_column(&plain, None);
        }
    }
    if !is_text_type(col.data_type()) {
        return Err(PyTypeError::new_err(format!(
            "expected a column of strings (string, large_string, string_view or binary), got {}",
            col.data_type()
        )));
    }
    Ok(col)
}

fn push_rows<'a>(col: &'a ArrayRef, out: &mut Vec<Row<'a>>) {
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<GenericByteArray<GenericStringType<i32>>>() {
        offset_rows(a, out);
    } else if let Some(a) = any.downcast_ref::<GenericByteArray<GenericStringType<i64>>>() {
        offset_rows(a, out);
    } else if let Some(a) = any.downcast_ref::<GenericByteArray<GenericBinaryType<i32>>>() {
        offset_rows(a, out);
    } else if let Some(a) = any.downcast_ref::<GenericByteArray<GenericBinaryType<i64>>>() {
        offset_rows(a, out);
    } else if let Some(a) = any.downcast_ref::<GenericByteViewArray<BinaryViewType>>() {
        view_rows(a, out);
    }
}

/// A column of texts, gathered from every chunk of the input.
struct Texts {
    /// One per input chunk; `string_view` ones re-typed as `binary_view`.
    columns: Vec<ArrayRef>,
}

impl Texts {
    fn rows(&self) -> Vec<Row<'_>> {
        let mut out = Vec::with_capacity(self.columns.iter().map(|c| c.len()).sum());
        for c in &self.columns {
            push_rows(c, &mut out);
        }
        out
    }
}

fn gather(data: &Bound<'_, PyAny>, column: Option<&str>) -> PyResult<Texts> {
    let input: AnyArray = data.extract().map_err(|e| {
        PyTypeError::new_err(format!(
            "expected an Arrow array, chunked array, record batch or table (an object with \
             __arrow_c_array__ or __arrow_c_stream__, e.g. from pyarrow, polars or DuckDB): {e}"
        ))
    })?;
    let mut columns = Vec::new();
    for chunk in input.into_reader()? {
        let chunk = chunk.map_err(|e| PyValueError::new_err(format!("reading the input: {e}")))?;
        let col = text_column(&chunk, column)?;
        let col = if col.data_type() == &DataType::Utf8View {
            let views: GenericByteViewArray<StringViewType> = col.as_string_view().clone();
            Arc::new(views.to_binary_view()) as ArrayRef
        } else {
            col
        };
        columns.push(col);
    }
    Ok(Texts { columns })
}

// ------------------------------------------------------------------------------------------------
// Result columns

/// What one result row is built from.
struct Out<'a> {
    verdict: Option<&'a Verdict>,
    error: Option<&'a str>,
}

fn utf8(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn validity(rows: &[Out<'_>]) -> Option<NullBuffer> {
    let mut b = BooleanBufferBuilder::new(rows.len());
    for r in rows {
        b.append(r.verdict.is_some());
    }
    let nulls = NullBuffer::new(b.finish());
    (nulls.null_count() > 0).then_some(nulls)
}

fn col_verdict(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let a: StringArray = rows
        .iter()
        .map(|r| r.verdict.map(|v| v.verdict.as_str()))
        .collect();
    (utf8("verdict"), Arc::new(a))
}

fn col_score(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let a: Float64Array = rows.iter().map(|r| r.verdict.map(|v| v.score)).collect();
    (Field::new("score", DataType::Float64, true), Arc::new(a))
}

fn col_family(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let a: StringArray = rows
        .iter()
        .map(|r| r.verdict.and_then(|v| v.family.as_deref()))
        .collect();
    (utf8("family"), Arc::new(a))
}

fn col_flagged(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let a: BooleanArray = rows
        .iter()
        .map(|r| r.verdict.map(Verdict::is_flagged))
        .collect();
    (Field::new("flagged", DataType::Boolean, true), Arc::new(a))
}

fn col_truncated(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let a: BooleanArray = rows
        .iter()
        .map(|r| r.verdict.map(|v| v.truncated))
        .collect();
    (
        Field::new("truncated", DataType::Boolean, true),
        Arc::new(a),
    )
}

/// `families`: a struct with one float field per family of the classifier (its risk, 0–1).
fn col_families(rows: &[Out<'_>], families: &[Arc<str>]) -> (Field, ArrayRef) {
    let fields: Fields = families
        .iter()
        .map(|f| Field::new(&**f, DataType::Float64, true))
        .collect();
    let children: Vec<ArrayRef> = families
        .iter()
        .map(|f| {
            let a: Float64Array = rows
                .iter()
                .map(|r| r.verdict.map(|v| v.families.get(f).copied().unwrap_or(0.0)))
                .collect();
            Arc::new(a) as ArrayRef
        })
        .collect();
    let s = StructArray::new(fields.clone(), children, validity(rows));
    (
        Field::new("families", DataType::Struct(fields), true),
        Arc::new(s),
    )
}

fn hit_fields() -> Fields {
    let i64f = |n: &str| Field::new(n, DataType::Int64, false);
    vec![
        Field::new("rule", DataType::Utf8, false),
        Field::new("category", DataType::Utf8, false),
        Field::new("family", DataType::Utf8, false),
        Field::new("weight", DataType::Float64, false),
        i64f("start"),
        i64f("end"),
        i64f("byte_start"),
        i64f("byte_end"),
    ]
    .into()
}

/// `hits`: list<struct<rule, category, family, weight, start, end, byte_start, byte_end>>, in text
/// order. `start`/`end` count chars (Python str indices); `byte_*` are UTF-8 byte offsets into the
/// Arrow value.
fn col_hits(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let n: usize = rows
        .iter()
        .map(|r| r.verdict.map_or(0, |v| v.hits.len()))
        .sum();
    let (mut rule, mut category, mut family) = (
        StringBuilder::with_capacity(n, n * 16),
        StringBuilder::with_capacity(n, n * 12),
        StringBuilder::with_capacity(n, n * 12),
    );
    let mut weight = Vec::with_capacity(n);
    let mut nums: [Vec<i64>; 4] = std::array::from_fn(|_| Vec::with_capacity(n));
    let as_i64 = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    for h in rows.iter().filter_map(|r| r.verdict).flat_map(|v| &v.hits) {
        rule.append_value(&*h.rule);
        category.append_value(&*h.category);
        family.append_value(&*h.family);
        weight.push(h.weight);
        for (col, x) in nums
            .iter_mut()
            .zip([h.char_start, h.char_end, h.start, h.end])
        {
            col.push(as_i64(x));
        }
    }
    let fields = hit_fields();
    let [start, end, byte_start, byte_end] =
        nums.map(|c| Arc::new(Int64Array::from(c)) as ArrayRef);
    let values = StructArray::new(
        fields.clone(),
        vec![
            Arc::new(rule.finish()),
            Arc::new(category.finish()),
            Arc::new(family.finish()),
            Arc::new(Float64Array::from(weight)),
            start,
            end,
            byte_start,
            byte_end,
        ],
        None,
    );
    let item = Arc::new(Field::new("item", DataType::Struct(fields), false));
    let offsets =
        OffsetBuffer::from_lengths(rows.iter().map(|r| r.verdict.map_or(0, |v| v.hits.len())));
    let list = ListArray::new(item.clone(), offsets, Arc::new(values), validity(rows));
    (
        Field::new("hits", DataType::List(item), true),
        Arc::new(list),
    )
}

fn entity_fields() -> Fields {
    let i64f = |n: &str| Field::new(n, DataType::Int64, false);
    vec![
        Field::new("kind", DataType::Utf8, false),
        i64f("start"),
        i64f("end"),
        i64f("byte_start"),
        i64f("byte_end"),
        Field::new("text", DataType::Utf8, false),
        Field::new("value", DataType::Utf8, false),
        Field::new("description", DataType::Utf8, false),
        Field::new("details", DataType::Utf8, false),
    ]
    .into()
}

/// `entities`: list<struct<kind, start, end, byte_start, byte_end, text, value, description,
/// details>>, in text order. `value` is what to act on (a contact's value, a wallet address, else the
/// entity's text); `details` the typed fields as a JSON object (amount, currency, period,
/// usd_per_month, contact, domain, chain, …), as `Entity.value` has them.
fn col_entities(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let count = |r: &Out<'_>| r.verdict.map_or(0, |v| v.entities.len());
    let n: usize = rows.iter().map(count).sum();
    let mut strs: [StringBuilder; 5] =
        std::array::from_fn(|_| StringBuilder::with_capacity(n, n * 16));
    let mut nums: [Vec<i64>; 4] = std::array::from_fn(|_| Vec::with_capacity(n));
    let as_i64 = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    for e in rows
        .iter()
        .filter_map(|r| r.verdict)
        .flat_map(|v| &v.entities)
    {
        let value = e
            .value
            .get("value")
            .and_then(|v| v.as_str())
            .unwrap_or(&e.text);
        let details = serde_json::to_string(&e.value).unwrap_or_default();
        for (b, x) in
            strs.iter_mut()
                .zip([e.kind.as_str(), &e.text, value, &e.description, &details])
        {
            b.append_value(x);
        }
        for (col, x) in nums
            .iter_mut()
            .zip([e.char_start, e.char_end, e.start, e.end])
        {
            col.push(as_i64(x));
        }
    }
    let fields = entity_fields();
    let [start, end, byte_start, byte_end] =
        nums.map(|c| Arc::new(Int64Array::from(c)) as ArrayRef);
    let [kind, text, value, description, details] =
        strs.map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let values = StructArray::new(
        fields.clone(),
        vec![
            kind,
            start,
            end,
            byte_start,
            byte_end,
            text,
            value,
            description,
            details,
        ],
        None,
    );
    let item = Arc::new(Field::new("item", DataType::Struct(fields), false));
    let offsets = OffsetBuffer::from_lengths(rows.iter().map(count));
    let list = ListArray::new(item.clone(), offsets, Arc::new(values), validity(rows));
    (
        Field::new("entities", DataType::List(item), true),
        Arc::new(list),
    )
}

/// `error`: null, or why the row could not be classified (its text is not UTF-8).
fn col_error(rows: &[Out<'_>], _: &[Arc<str>]) -> (Field, ArrayRef) {
    let a: StringArray = rows.iter().map(|r| r.error).collect();
    (utf8("error"), Arc::new(a))
}

type Column = fn(&[Out<'_>], &[Arc<str>]) -> (Field, ArrayRef);

/// Every result column, in order. `hits` is left out when the caller does not want it.
fn result_columns(hits: bool) -> Vec<Column> {
    let mut cols: Vec<Column> = vec![
        col_verdict,
        col_score,
        col_family,
        col_flagged,
        col_truncated,
        col_families,
    ];
    if hits {
        cols.push(col_hits);
    }
    cols.push(col_entities);
    cols.push(col_error);
    cols
}

fn build(rows: &[Out<'_>], families: &[Arc<str>], hits: bool) -> StructArray {
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = result_columns(hits)
        .into_iter()
        .map(|c| c(rows, families))
        .unzip();
    // Every column has one entry per row by construction, so this cannot fail.
    StructArray::new(fields.into(), arrays, None)
}

/// The Arrow schema of a result, for a classifier with these families.
fn result_schema(families: &[Arc<str>], hits: bool) -> SchemaRef {
    let s = build(&[], families, hits);
    Arc::new(Schema::new(s.fields().clone()))
}

/// Classifies the text column of `data`: the work behind `Classifier.classify_arrow`.
pub(crate) fn classify_arrow(
    py: Python<'_>,
    classifier: &Classifier,
    data: &Bound<'_, PyAny>,
    column: Option<&str>,
    threads: Option<usize>,
    hits: bool,
) -> PyResult<ArrowVerdicts> {
    let pool = super::check_threads(threads)?;
    let texts = gather(data, column)?;
    let batch = py.detach(|| {
        super::guard("classify_arrow", || {
            let rows = texts.rows();
            let strs: Vec<&str> = rows
                .iter()
                .filter_map(|r| match r {
                    Row::Text(s) => Some(*s),
                    _ => None,
                })
                .collect();
            let verdicts = super::batch(classifier, &strs, pool.as_deref());
            let mut verdicts = verdicts.iter();
            let out: Vec<Out<'_>> = rows
                .iter()
                .map(|r| match r {
                    Row::Null => Out {
                        verdict: None,
                        error: None,
                    },
                    Row::Bad(msg) => Out {
                        verdict: None,
                        error: Some(msg.as_str()),
                    },
                    Row::Text(_) => Out {
                        verdict: verdicts.next(),
                        error: None,
                    },
                })
                .collect();
            RecordBatch::from(build(&out, classifier.families(), hits))
        })
    })?;
    Ok(ArrowVerdicts { batch })
}

/// The result schema: the work behind `Classifier.arrow_schema`.
pub(crate) fn schema(classifier: &Classifier, hits: bool) -> ArrowVerdicts {
    let schema = result_schema(classifier.families(), hits);
    ArrowVerdicts {
        batch: RecordBatch::new_empty(schema),
    }
}

/// Verdicts of an Arrow batch, as an Arrow record batch. It holds no Python objects and is read
/// through the Arrow PyCapsule interface: `pyarrow.record_batch(v)`, `pyarrow.table(v)`,
/// `polars.DataFrame(v)`, `duckdb.arrow(v)`.
#[pyclass(frozen, name = "ArrowVerdicts", module = "scamsift")]
pub(crate) struct ArrowVerdicts {
    batch: RecordBatch,
}

impl ArrowVerdicts {
    fn field(&self) -> FieldRef {
        Arc::new(Field::new(
            "",
            DataType::Struct(self.batch.schema().fields().clone()),
            false,
        ))
    }
}

#[pymethods]
impl ArrowVerdicts {
    /// Number of rows (equal to the input's).
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }
    /// Names of the columns, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }
    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }
    fn __repr__(&self) -> String {
        format!(
            "ArrowVerdicts(num_rows={}, columns={:?})",
            self.batch.num_rows(),
            self.column_names()
        )
    }
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.batch.schema().as_ref())?)
    }
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let array = StructArray::from(self.batch.clone());
        Ok(to_array_pycapsules(
            py,
            self.field(),
            &array,
            requested_schema,
        )?)
    }
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let array: ArrayRef = Arc::new(StructArray::from(self.batch.clone()));
        let reader = Box::new(ArrayIterator::new(vec![Ok(array)], self.field()));
        Ok(to_stream_pycapsule(py, reader, requested_schema)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{BinaryArray, LargeStringArray, StringViewArray};

    fn texts_of(col: ArrayRef) -> Vec<String> {
        let texts = Texts { columns: vec![col] };
        texts
            .rows()
            .iter()
            .map(|r| match r {
                Row::Null => "<null>".to_owned(),
                Row::Bad(m) => format!("<bad: {m}>"),
                Row::Text(s) => (*s).to_owned(),
            })
            .collect()
    }

    #[test]
    fn rows_of_every_layout() {
        let want = ["a", "<null>", "héllo"];
        let vals = [Some("a"), None, Some("héllo")];
        let cases: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(vals.to_vec())),
            Arc::new(LargeStringArray::from(vals.to_vec())),
            Arc::new(StringViewArray::from(vals.to_vec()).to_binary_view()),
            // Sliced: a non-zero offset into the same buffers.
            Arc::new(
                StringArray::from(vec![Some("x"), Some("a"), None, Some("héllo")]).slice(1, 3),
            ),
        ];
        for col in cases {
            assert_eq!(texts_of(col), want);
        }
    }

    #[test]
    fn invalid_utf8_is_a_bad_row_not_a_panic() {
        let col: ArrayRef = Arc::new(BinaryArray::from(vec![
            &b"ok"[..],
            &b"a\xffb"[..],
            &b"\xed\xa0\x80"[..],
        ]));
        let got = texts_of(col);
        assert_eq!(got[0], "ok");
        assert!(got[1].contains("offset 1"), "{}", got[1]);
        assert!(got[2].contains("offset 0"), "{}", got[2]);
    }

    #[test]
    fn result_has_one_row_per_input_row() {
        let clf = Classifier::builder().build().unwrap();
        let text = "Earn $500/day from home, message us on Telegram @hr_amy";
        let v = super::super::convert(&clf, &clf.classify(text), text);
        let rows = [
            Out {
                verdict: Some(&v),
                error: None,
            },
            Out {
                verdict: None,
                error: Some("bad"),
            },
        ];
        let s = build(&rows, clf.families(), true);
        assert_eq!(s.len(), 2);
        assert!(s.is_valid(0) && s.column_by_name("verdict").unwrap().is_null(1));
        let hits = s.column_by_name("hits").unwrap().as_list::<i32>();
        assert_eq!(hits.value_length(0) as usize, v.hits.len());
        assert_eq!(hits.value_length(1), 0);
        let ents = s.column_by_name("entities").unwrap().as_list::<i32>();
        assert_eq!(ents.value_length(0) as usize, v.entities.len());
        assert!(!v.entities.is_empty());
    }
}
