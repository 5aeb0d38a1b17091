//! The built-in indicator pack, embedded at compile time from the top-level `patterns/` folder.

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));
