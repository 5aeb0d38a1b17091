//! Property tests of the record readers: N records in, N records out, for any bytes; no record
//! longer than the limit; the bytes consumed add up to the input.

use proptest::prelude::*;
use scamsift_cli::input::{read_from, FieldNames, InputFormat, Record};

fn fields() -> FieldNames {
    FieldNames {
        text: "text".into(),
        id: Some("id".into()),
        id_explicit: false,
        keep: vec!["k".into()],
    }
}

fn read(bytes: &[u8], format: InputFormat, max_bytes: usize) -> (Vec<Record>, Result<(), String>) {
    let mut recs = Vec::new();
    let mut reader = std::io::BufReader::with_capacity(64, bytes);
    let res = read_from(
        &mut reader,
        "in",
        format,
        &fields(),
        max_bytes,
        &mut |mut r| {
            r.parse_json(&fields());
            recs.push(r);
            true
        },
    )
    .map_err(|e| e.message);
    (recs, res)
}

/// Lines of the input: newline-terminated pieces, plus an unterminated tail.
fn line_count(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').count() - usize::from(bytes.is_empty() || bytes.ends_with(b"\n"))
}

/// Bytes biased towards the characters the readers treat specially.
fn input() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(b"a \n\r,\"{}:\\".to_vec()),
            1 => any::<u8>(),
        ],
        0..400,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lines_n_in_n_out(bytes in input(), max in 1usize..40) {
        let (recs, res) = read(&bytes, InputFormat::Lines, max);
        prop_assert!(res.is_ok());
        prop_assert_eq!(recs.len(), line_count(&bytes));
        prop_assert_eq!(recs.iter().map(|r| r.bytes).sum::<u64>(), bytes.len() as u64);
        for (i, r) in recs.iter().enumerate() {
            prop_assert_eq!(r.line, i as u64 + 1);
            // Lossy decoding may widen a byte to U+FFFD (3 bytes), never beyond that.
            prop_assert!(r.text.len() <= 3 * max);
        }
    }

    #[test]
    fn jsonl_one_record_per_non_blank_line(bytes in input(), max in 1usize..40) {
        let (recs, res) = read(&bytes, InputFormat::Jsonl, max);
        prop_assert!(res.is_ok());
        let expected = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .count();
        prop_assert_eq!(recs.len(), expected);
        for r in &recs {
            prop_assert!(r.error.is_some() || r.text.len() <= bytes.len());
        }
    }

    #[test]
    fn text_is_one_record_within_the_limit(bytes in input(), max in 1usize..40) {
        let (recs, res) = read(&bytes, InputFormat::Text, max);
        prop_assert!(res.is_ok());
        prop_assert_eq!(recs.len(), 1);
        prop_assert_eq!(recs[0].truncated, bytes.len() > max);
        prop_assert!(recs[0].text.len() <= 3 * max);
    }

    /// Any bytes as CSV: the reader ends (header error or records), each record's text within the limit.
    #[test]
    fn csv_any_bytes_is_bounded(bytes in input(), max in 1usize..40) {
        let mut input = b"id,text,k\n".to_vec();
        input.extend_from_slice(&bytes);
        let (recs, res) = read(&input, InputFormat::Csv, max);
        prop_assert!(res.is_ok());
        // CSV ends a record at CR, LF or CRLF: at most one record per terminated piece.
        prop_assert!(recs.len() <= input.split(|&b| b == b'\n' || b == b'\r').count());
        for r in &recs {
            prop_assert!(r.text.len() <= 3 * max);
        }
    }

    /// Rows written by a CSV writer: N rows in, N records out, fields back as written (cut to the limit).
    #[test]
    fn csv_n_rows_in_n_out(
        rows in prop::collection::vec((".{0,12}", "[^\u{0}]{0,30}", ".{0,5}"), 0..20),
        max in 1usize..40,
    ) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["id", "text", "k"]).unwrap();
        for (id, text, k) in &rows {
            w.write_record([id, text, k]).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let (recs, res) = read(&bytes, InputFormat::Csv, max);
        prop_assert!(res.is_ok());
        // A row of three empty fields is written as `""` … still a row; a row whose fields are all
        // empty and unquoted would be a blank line, which csv::Writer never writes.
        prop_assert_eq!(recs.len(), rows.len());
        for (r, (id, text, _)) in recs.iter().zip(&rows) {
            prop_assert!(r.error.is_none(), "{:?}", r.error);
            prop_assert!(text.as_bytes().starts_with(r.text.as_bytes()));
            prop_assert_eq!(r.truncated, text.len() > max);
            if id.len() <= max {
                prop_assert_eq!(r.id_text(), id.clone());
            }
        }
    }
}

#[test]
fn csv_line_numbers_count_blank_lines_and_quoted_newlines() {
    let input = b"\xEF\xBB\xBFid,text\n1,a\n\n\n2,\"multi\nline\"\n3,b\r\n4,c";
    let (recs, res) = read(input, InputFormat::Csv, 100);
    assert!(res.is_ok());
    let got: Vec<(u64, String, String)> = recs
        .iter()
        .map(|r| (r.line, r.id_text(), r.text.clone()))
        .collect();
    let want = [
        (2, "1", "a"),
        (5, "2", "multi\nline"),
        (7, "3", "b"),
        (8, "4", "c"),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0, g.1.as_str(), g.2.as_str()), w);
    }
}
