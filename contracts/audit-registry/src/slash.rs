//! Slash arithmetic, pure: what a ratio takes from a stake and who gets it.

use cosmwasm_std::{Decimal, Uint128};

use crate::state::Stake;

/// Cuts the bond and each claim (matured ones included) by `ratio`, each rounded down;
/// claims cut to nothing are dropped. Returns the sum taken.
pub fn cut_stake(stake: &mut Stake, ratio: Decimal) -> Uint128 {
    let mut taken = stake.bonded.mul_floor(ratio);
    stake.bonded -= taken;
    for claim in &mut stake.claims {
        let cut = claim.amount.mul_floor(ratio);
        claim.amount -= cut;
        taken += cut;
    }
    stake.claims.retain(|claim| !claim.amount.is_zero());
    taken
}

/// How a slash of `taken` is paid out: `(to the challenger, to slash_recipient)`. The
/// challenger gets `reward` of it (rounded down) plus its challenge bond back; the
/// recipient the rest. Together they are exactly `taken + bond`.
pub fn split_payout(taken: Uint128, reward: Decimal, bond: Uint128) -> (Uint128, Uint128) {
    let to_challenger = taken.mul_floor(reward);
    (to_challenger + bond, taken - to_challenger)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Claim;
    use cosmwasm_std::Timestamp;
    use proptest::prelude::*;

    fn stake(bonded: u128, claims: &[u128]) -> Stake {
        Stake {
            bonded: Uint128::new(bonded),
            claims: claims
                .iter()
                .enumerate()
                .map(|(i, a)| Claim {
                    amount: Uint128::new(*a),
                    release_at: Timestamp::from_seconds(i as u64),
                })
                .collect(),
            pending_challenges: 1,
        }
    }

    #[test]
    fn cuts_round_down_each_part() {
        let mut s = stake(1000, &[3, 1, 500]);
        let taken = cut_stake(&mut s, Decimal::percent(50));
        // 500 + 1 + 0 + 250
        assert_eq!(taken, Uint128::new(751));
        assert_eq!(s.bonded, Uint128::new(500));
        let left: Vec<u128> = s.claims.iter().map(|c| c.amount.u128()).collect();
        assert_eq!(left, vec![2, 1, 250]);

        let mut s = stake(10, &[1, 4]);
        let taken = cut_stake(&mut s, Decimal::one());
        assert_eq!(taken, Uint128::new(15));
        assert_eq!(
            s,
            Stake {
                pending_challenges: 1,
                ..Stake::default()
            }
        );
    }

    #[test]
    fn payout_splits_exactly() {
        let (c, r) = split_payout(Uint128::new(101), Decimal::percent(10), Uint128::new(7));
        assert_eq!((c.u128(), r.u128()), (10 + 7, 91));
        let (c, r) = split_payout(Uint128::zero(), Decimal::percent(10), Uint128::new(7));
        assert_eq!((c.u128(), r.u128()), (7, 0));
        let (c, r) = split_payout(Uint128::new(5), Decimal::one(), Uint128::new(1));
        assert_eq!((c.u128(), r.u128()), (6, 0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn a_slash_takes_what_it_removes_and_pays_it_all(
            bonded in 0u128..1_000_000_000_000,
            claims in proptest::collection::vec(1u128..1_000_000_000, 0..8),
            ratio in 1u64..=1_000_000,
            reward in 0u64..=1_000_000,
            bond in 1u128..1_000_000,
        ) {
            let ratio = Decimal::from_ratio(ratio, 1_000_000u64);
            let reward = Decimal::from_ratio(reward, 1_000_000u64);
            let mut s = stake(bonded, &claims);
            let before = s.bonded + s.unbonding();
            let taken = cut_stake(&mut s, ratio);
            prop_assert_eq!(before - taken, s.bonded + s.unbonding());
            // each part rounds down: at most the exact cut, less by under one per part
            let parts = Uint128::new(claims.len() as u128 + 1);
            prop_assert!(taken <= before.mul_floor(ratio));
            prop_assert!(taken + parts >= before.mul_floor(ratio));
            prop_assert!(s.claims.iter().all(|c| !c.amount.is_zero()));
            let (to_challenger, to_recipient) = split_payout(taken, reward, Uint128::new(bond));
            prop_assert_eq!(to_challenger + to_recipient, taken + Uint128::new(bond));
        }
    }
}
