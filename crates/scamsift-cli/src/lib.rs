//! The parts of the `scamsift` command that tests and fuzz targets reach directly: the record
//! readers. Not a stable API; the binary is the product.

#[doc(hidden)]
pub mod input;
