//! The CLI's record readers on any bytes: they end, never panic, keep each record within the
//! limit, and give one record per line for `lines`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scamsift_cli::input::{read_from, FieldNames, InputFormat};

fuzz_target!(|data: &[u8]| {
    let Some((&head, bytes)) = data.split_first() else {
        return;
    };
    let format = [
        InputFormat::Text,
        InputFormat::Lines,
        InputFormat::Jsonl,
        InputFormat::Csv,
    ][usize::from(head & 3)];
    let max = 1 + usize::from(head >> 2);
    let fields = FieldNames {
        text: "text".into(),
        id: Some("id".into()),
        id_explicit: false,
        keep: vec!["k".into()],
    };
    // CSV gets a header with the columns asked for, so that any bytes after it are rows (a header
    // without a `text` column is an error, rightly).
    let input: Vec<u8> = if format == InputFormat::Csv {
        [b"id,text,k\n".as_slice(), bytes].concat()
    } else {
        bytes.to_vec()
    };
    let mut n = 0usize;
    let mut reader = std::io::BufReader::with_capacity(16, input.as_slice());
    let res = read_from(&mut reader, "fuzz", format, &fields, max, &mut |mut r| {
        r.parse_json(&fields);
        assert!(r.text.len() <= 3 * max || format == InputFormat::Jsonl);
        n += 1;
        true
    });
    assert!(res.is_ok());
    if format == InputFormat::Lines {
        let lines = bytes.split(|&b| b == b'\n').count()
            - usize::from(bytes.is_empty() || bytes.ends_with(b"\n"));
        assert_eq!(n, lines);
    }
});
