//! Page sizes for every list query (SPEC section 4: default 10, at most 100).

pub const DEFAULT_LIMIT: u32 = 10;
pub const MAX_LIMIT: u32 = 100;

/// The number of items a page holds: the default when absent, never more than `MAX_LIMIT`,
/// and at least one, so that a client paging with `limit: 0` still advances.
pub fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(page_limit(None), 10);
        assert_eq!(page_limit(Some(0)), 1);
        assert_eq!(page_limit(Some(37)), 37);
        assert_eq!(page_limit(Some(100)), 100);
        assert_eq!(page_limit(Some(u32::MAX)), 100);
    }

    proptest! {
        #[test]
        fn limit_always_within_bounds(limit in proptest::option::of(any::<u32>())) {
            let n = page_limit(limit);
            prop_assert!((1..=MAX_LIMIT as usize).contains(&n));
            if let Some(l) = limit {
                prop_assert_eq!(n, l.clamp(1, MAX_LIMIT) as usize);
            }
        }
    }
}
