//! A small driver for profilers (callgrind): classifies one input set a few times.
//!
//! `profile {sms|jobs|zh|near_miss|obfuscated|build} [passes] [classify|no-entities|all-entities|normalize]`;
//! prints the time of
//! each pass and the best one (the least disturbed on a shared machine).
//! e.g. `valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out target/release/profile sms 1`.

use scamsift::{Classifier, Entities};
use scamsift_benches::{classifier_normalizer, classify_count, Inputs};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map_or("sms", String::as_str);
    let passes: usize = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(1);
    let what = args.get(3).map_or("classify", String::as_str);
    if which == "build" {
        let mut best = f64::INFINITY;
        for _ in 0..passes {
            let t = std::time::Instant::now();
            let c = Classifier::builder().build().expect("built-in pack");
            best = best.min(t.elapsed().as_secs_f64());
            std::hint::black_box(c);
        }
        println!("build: best of {passes} {:.2} ms", best * 1e3);
        return;
    }
    // `no-entities` / `all-entities`: classify with entity extraction off / on every text.
    let mode = match what {
        "no-entities" => Entities::Off,
        "all-entities" => Entities::Always,
        _ => Entities::default(),
    };
    let c = Classifier::builder()
        .entities(mode)
        .build()
        .expect("built-in pack");
    let inputs = Inputs::load(&c, false);
    let texts = match which {
        "sms" => &inputs.sms,
        "jobs" => &inputs.jobs,
        "zh" => &inputs.zh,
        "near_miss" => &inputs.near_miss,
        "obfuscated" => &inputs.obfuscated,
        other => panic!("unknown input set {other}"),
    };
    let norm = classifier_normalizer(&c);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    for _ in 0..passes {
        let t = std::time::Instant::now();
        let result = if what == "normalize" {
            let n: usize = texts.iter().map(|t| norm.normalize(t).as_str().len()).sum();
            format!("{n} normalised bytes")
        } else {
            let (flagged, hits) = classify_count(&c, texts);
            format!("{flagged} flagged, {hits} hits")
        };
        let secs = t.elapsed().as_secs_f64();
        best = best.min(secs);
        println!("{which}: {result} in {:.1} ms", secs * 1e3);
    }
    // The fastest pass is the least disturbed by other work on a shared machine.
    println!(
        "{which} {what}: best of {passes} {:.1} ms, {:.1} MB/s, {:.0} texts/s",
        best * 1e3,
        bytes as f64 / best / 1e6,
        texts.len() as f64 / best
    );
}
