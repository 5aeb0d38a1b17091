//! A small driver for profilers (callgrind): classifies one input set a few times.
//!
//! `profile {sms|jobs|zh|near_miss|obfuscated|build} [passes] [classify|normalize]`
//! e.g. `valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out target/release/profile sms 1`.

use scamsift::Classifier;
use scamsift_benches::{classifier_normalizer, classify_count, Inputs};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map_or("sms", String::as_str);
    let passes: usize = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(1);
    let what = args.get(3).map_or("classify", String::as_str);
    if which == "build" {
        for _ in 0..passes {
            let c = Classifier::builder().build().expect("built-in pack");
            std::hint::black_box(c);
        }
        return;
    }
    let c = Classifier::builder().build().expect("built-in pack");
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
    for _ in 0..passes {
        if what == "normalize" {
            let n: usize = texts.iter().map(|t| norm.normalize(t).as_str().len()).sum();
            println!("{which}: {n} normalised bytes");
        } else {
            let (flagged, hits) = classify_count(&c, texts);
            println!("{which}: {flagged} flagged, {hits} hits");
        }
    }
}
