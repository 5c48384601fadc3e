//! The complete release process across the four contracts, deployed as SPEC section 2
//! says: one test binary, a module per flow.

mod bundle;
mod complete;
