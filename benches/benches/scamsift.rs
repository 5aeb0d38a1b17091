//! Criterion benchmarks of the scamsift pipeline on real and adversarial inputs.
//!
//! `cargo bench -p scamsift-benches` measures; `cargo test -p scamsift-benches --benches` runs each
//! benchmark once on small inputs. Every benchmark checks its result (flagged texts and hits, or output
//! bytes) against a first pass, so a broken fast path cannot look fast.
//!
//! "match only" has no public API: it is approximated by classifying the *pre-normalised* text
//! (`match_prenormalized`), which still pays a second, cheap normalisation pass plus scoring and
//! explanations; `normalize_prenormalized` times that second pass alone so it can be subtracted.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scamsift::{Classifier, Limits};
use scamsift_benches::{
    classifier_normalizer, classify_batch_count, classify_count, full_size_bench, gen_document,
    total_bytes, Inputs, Rng,
};

fn setup() -> (Classifier, Inputs, bool) {
    let full = full_size_bench();
    let c = Classifier::builder().build().expect("built-in pack");
    let inputs = Inputs::load(&c, !full);
    eprintln!("scamsift-benches inputs: {}", inputs.describe());
    (c, inputs, full)
}

/// Sum of normalised lengths: the checksum of the normalise-only benches.
fn normalize_len(n: &scamsift::normalize::Normalizer, texts: &[String]) -> usize {
    texts.iter().map(|t| n.normalize(t).as_str().len()).sum()
}

fn pipeline(crit: &mut Criterion) {
    let (c, inputs, _) = setup();
    let norm = classifier_normalizer(&c);
    // The public normaliser with the pack vocabulary must be the classifier's.
    for t in inputs.sms.iter().chain(&inputs.obfuscated).take(2_000) {
        assert_eq!(norm.normalize(t).as_str(), c.normalize(t));
    }
    let sets: [(&str, &Vec<String>, bool, bool); 5] = [
        // (name, texts, per-message throughput, must flag something)
        ("sms", &inputs.sms, true, inputs.origin[0] == "corpora"),
        ("jobs", &inputs.jobs, false, false),
        ("zh", &inputs.zh, true, false),
        ("near_miss", &inputs.near_miss, false, false),
        ("obfuscated", &inputs.obfuscated, true, true),
    ];
    for (name, texts, per_msg, must_flag) in sets {
        let prenorm: Vec<String> = texts.iter().map(|t| c.normalize(t)).collect();
        let mut g = crit.benchmark_group(name);
        g.throughput(if per_msg {
            Throughput::Elements(texts.len() as u64)
        } else {
            Throughput::Bytes(total_bytes(texts) as u64)
        });

        let expect = classify_count(&c, texts);
        if must_flag {
            assert!(expect.0 > 0, "{name}: nothing flagged");
        }
        g.bench_function("classify", |b| {
            b.iter(|| assert_eq!(classify_count(&c, black_box(texts)), expect))
        });
        g.bench_function("classify_batch_all_threads", |b| {
            b.iter(|| assert_eq!(classify_batch_count(&c, black_box(texts)), expect))
        });

        let expect_len = normalize_len(&norm, texts);
        g.bench_function("normalize", |b| {
            b.iter(|| assert_eq!(normalize_len(&norm, black_box(texts)), expect_len))
        });

        let expect_pre = classify_count(&c, &prenorm);
        // Normalisation is (nearly) idempotent: classifying the normalised text flags the same texts.
        let diff = expect_pre.0.abs_diff(expect.0);
        assert!(
            diff * 100 <= expect.0.max(20),
            "{name}: {expect:?} vs {expect_pre:?}"
        );
        g.bench_function("match_prenormalized", |b| {
            b.iter(|| assert_eq!(classify_count(&c, black_box(&prenorm)), expect_pre))
        });
        let expect_pre_len = normalize_len(&norm, &prenorm);
        g.bench_function("normalize_prenormalized", |b| {
            b.iter(|| assert_eq!(normalize_len(&norm, black_box(&prenorm)), expect_pre_len))
        });
        g.finish();
    }
}

fn big_documents(crit: &mut Criterion) {
    let (_, inputs, full) = setup();
    let mut rng = Rng::new(50);
    let sizes: &[(&str, usize)] = if full {
        // 100 MB is in compare.sh (one pass takes seconds; criterion would need minutes).
        &[("1MB", 1 << 20), ("50MB", 50 << 20)]
    } else {
        &[("64KB", 64 << 10), ("256KB", 256 << 10)]
    };
    let c = Classifier::builder()
        .limits(Limits {
            max_input_bytes: 128 << 20,
            ..Default::default()
        })
        .build()
        .expect("built-in pack");
    let mut g = crit.benchmark_group("document");
    g.sample_size(10);
    if full {
        g.measurement_time(Duration::from_secs(10));
    }
    let base = gen_document(
        1 << 20,
        &inputs.jobs,
        &inputs.near_miss,
        &inputs.obfuscated,
        &mut rng,
    );
    for &(label, size) in sizes {
        // Repeating one 1 MB block keeps the mix identical, so MB/s across sizes shows linearity.
        let mut doc = String::with_capacity(size + base.len());
        while doc.len() < size {
            doc.push_str(&base);
        }
        let v = c.classify(&doc);
        assert!(!v.truncated(), "raise max_input_bytes");
        assert!(
            v.is_flagged(),
            "{label}: the obfuscated scam text must flag"
        );
        let expect = (v.is_flagged(), v.hits().len());
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_with_input(BenchmarkId::new("classify", label), &doc, |b, d| {
            b.iter(|| {
                let v = c.classify(black_box(d));
                assert_eq!((v.is_flagged(), v.hits().len()), expect);
            })
        });
    }
    g.finish();
}

fn build(crit: &mut Criterion) {
    let rules = Classifier::builtin().rules().len();
    assert!(rules > 0);
    let mut g = crit.benchmark_group("build");
    g.sample_size(20);
    g.bench_function("builtin_classifier", |b| {
        b.iter(|| {
            let c = Classifier::builder().build().expect("built-in pack");
            assert_eq!(c.rules().len(), rules);
            c
        })
    });
    g.finish();
}

criterion_group!(benches, pipeline, big_documents, build);
criterion_main!(benches);
