//! The decision of SPEC 4.3, re-derived: per college, turnout `yes + no + abstain ≥ quorum × E`
//! and approval `yes > threshold × (yes + no)`, compared exactly on Decimal atomics in 256
//! bits (no rounding, no overflow).

use berty_interface::council_vote::{
    CollegeRules, CollegeTally, Rejection, RejectionReason, Rules, Tally,
};
use berty_interface::College;
use cosmwasm_std::{Decimal, Uint256};

/// One college's two tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CollegeOutcome {
    pub turnout_met: bool,
    pub approval_met: bool,
}

/// The decision: passed, or the first failing test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub activists: CollegeOutcome,
    pub technologists: CollegeOutcome,
    pub rejection: Option<Rejection>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.rejection.is_none()
    }

    pub fn college(&self, college: College) -> CollegeOutcome {
        match college {
            College::Activists => self.activists,
            College::Technologists => self.technologists,
        }
    }
}

/// `count × 10^18`, to compare with `ratio.atomics() × base` = `ratio × base × 10^18`.
fn scaled(count: u128) -> Uint256 {
    Uint256::from(count) * Uint256::from(Decimal::one().atomics())
}

fn times(ratio: Decimal, base: u128) -> Uint256 {
    Uint256::from(ratio.atomics()) * Uint256::from(base)
}

pub fn college_outcome(rules: &CollegeRules, tally: &CollegeTally) -> CollegeOutcome {
    // Counts are u64; their sums fit u128 before scaling.
    let voted = u128::from(tally.yes) + u128::from(tally.no) + u128::from(tally.abstain);
    let decisive = u128::from(tally.yes) + u128::from(tally.no);
    CollegeOutcome {
        turnout_met: scaled(voted) >= times(rules.quorum, tally.eligible.into()),
        approval_met: scaled(tally.yes.into()) > times(rules.threshold, decisive),
    }
}

pub fn decide(rules: &Rules, tally: &Tally) -> Outcome {
    let activists = college_outcome(&rules.activists, &tally.activists);
    let technologists = college_outcome(&rules.technologists, &tally.technologists);
    let rejection = [
        (College::Activists, activists),
        (College::Technologists, technologists),
    ]
    .into_iter()
    .find_map(|(college, outcome)| {
        let reason = if !outcome.turnout_met {
            RejectionReason::TurnoutNotMet
        } else if !outcome.approval_met {
            RejectionReason::ThresholdNotMet
        } else {
            return None;
        };
        Some(Rejection { reason, college })
    });
    Outcome {
        activists,
        technologists,
        rejection,
    }
}

/// Whether one college's result is already fixed, whatever the remaining ballots: `(can
/// pass, must pass)`. Without revoting, only members who have not voted may still vote;
/// with it, anyone may change a ballot, so nothing cast is fixed.
fn college_bounds(rules: &CollegeRules, tally: &CollegeTally, revoting: bool) -> (bool, bool) {
    let voted = u128::from(tally.yes) + u128::from(tally.no) + u128::from(tally.abstain);
    let eligible = u128::from(tally.eligible);
    let (open, yes, no) = if revoting {
        (eligible, 0, 0)
    } else {
        (
            eligible.saturating_sub(voted),
            u128::from(tally.yes),
            u128::from(tally.no),
        )
    };
    let turnout = |votes: u128| scaled(votes) >= times(rules.quorum, eligible);
    let approved = |yes: u128, no: u128| scaled(yes) > times(rules.threshold, yes + no);
    let can_pass = turnout(voted.max(eligible)) && approved(yes + open, no);
    let can_fail = !turnout(voted) || !approved(yes, no + open);
    (can_pass, !can_fail)
}

/// Whether the vote is decided before its deadline (SPEC 4.3: "as soon as no remaining
/// ballot can change the outcome"): both colleges must pass whatever comes, or one cannot.
/// From then on the contract refuses ballots.
pub fn settled(rules: &Rules, tally: &Tally) -> bool {
    let (mut can_pass, mut must_pass) = (true, true);
    for college in College::ALL {
        let (some, every) = college_bounds(
            rules.college(college),
            tally.college(college),
            rules.allow_revoting,
        );
        can_pass &= some;
        must_pass &= every;
    }
    must_pass || !can_pass
}

/// `activists 2 yes, 1 no, 0 abstain of 3 eligible; technologists ...`
pub fn tally_text(tally: &Tally) -> String {
    College::ALL
        .iter()
        .map(|college| {
            let t = tally.college(*college);
            format!(
                "{} {} yes, {} no, {} abstain of {} eligible",
                college.as_str(),
                t.yes,
                t.no,
                t.abstain,
                t.eligible
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn rules(quorum: &str, threshold: &str) -> Rules {
        let college = CollegeRules {
            quorum: Decimal::from_str(quorum).unwrap(),
            threshold: Decimal::from_str(threshold).unwrap(),
        };
        Rules {
            voting_period: 1,
            allow_revoting: false,
            activists: college,
            technologists: college,
        }
    }

    fn college(yes: u64, no: u64, abstain: u64, eligible: u64) -> CollegeTally {
        CollegeTally {
            yes,
            no,
            abstain,
            eligible,
        }
    }

    #[test]
    fn spec_defaults_table() {
        let defaults = rules("0.666666666666666666", "0.5");
        // (activists, technologists, expected rejection)
        let cases = [
            (college(2, 0, 0, 3), college(2, 0, 0, 3), None),
            (
                college(1, 0, 0, 3),
                college(3, 0, 0, 3),
                Some((RejectionReason::TurnoutNotMet, College::Activists)),
            ),
            (
                college(1, 1, 0, 3),
                college(3, 0, 0, 3),
                Some((RejectionReason::ThresholdNotMet, College::Activists)),
            ),
            (
                college(2, 1, 0, 3),
                college(1, 1, 1, 3),
                Some((RejectionReason::ThresholdNotMet, College::Technologists)),
            ),
            (
                college(0, 0, 3, 3),
                college(3, 0, 0, 3),
                Some((RejectionReason::ThresholdNotMet, College::Activists)),
            ),
            (
                college(3, 0, 0, 3),
                college(0, 0, 1, 3),
                Some((RejectionReason::TurnoutNotMet, College::Technologists)),
            ),
            // turnout before approval, activists before technologists
            (
                college(0, 1, 0, 3),
                college(0, 1, 0, 3),
                Some((RejectionReason::TurnoutNotMet, College::Activists)),
            ),
        ];
        for (activists, technologists, expected) in cases {
            let tally = Tally {
                activists,
                technologists,
            };
            let outcome = decide(&defaults, &tally);
            assert_eq!(
                outcome.rejection.map(|r| (r.reason, r.college)),
                expected,
                "{}",
                tally_text(&tally)
            );
        }
    }

    #[test]
    fn quorum_boundary_is_exact() {
        // 2/3 exactly: 2 of 3 meets "0.666666666666666667"? No: 2 < 3 × 0.666666666666666667.
        let above = rules("0.666666666666666667", "0.5");
        assert!(!college_outcome(&above.activists, &college(2, 0, 0, 3)).turnout_met);
        let below = rules("0.666666666666666666", "0.5");
        assert!(college_outcome(&below.activists, &college(2, 0, 0, 3)).turnout_met);
        // approval is strict: 1 yes, 1 no is not more than half
        assert!(!college_outcome(&below.activists, &college(1, 1, 0, 2)).approval_met);
        // extreme counts neither overflow nor round
        let max = college(u64::MAX, 0, u64::MAX, u64::MAX);
        let outcome = college_outcome(&rules("1", "0.999999999999999999").activists, &max);
        assert!(outcome.turnout_met && outcome.approval_met);
    }

    #[test]
    fn a_vote_settles_when_no_remaining_ballot_can_change_it() {
        let defaults = rules("0.666666666666666666", "0.5");
        let all_in = college(3, 0, 0, 3);
        // (activists, technologists, settled)
        let cases = [
            // 2 yes of 3 in each: one more no still passes (2 > 1.5)
            (college(2, 0, 0, 3), college(2, 0, 0, 3), true),
            // 1 of 3: two more yes could pass, two more abstain could fail
            (college(1, 0, 0, 3), all_in, false),
            // 2 no of 3: the last yes cannot pass (1 > 1.5 fails)
            (college(0, 2, 0, 3), college(0, 0, 0, 3), true),
            // 1 yes 1 no of 3: the last ballot decides
            (college(1, 1, 0, 3), all_in, false),
            (college(0, 0, 0, 3), college(0, 0, 0, 3), false),
        ];
        for (activists, technologists, expected) in cases {
            let tally = Tally {
                activists,
                technologists,
            };
            assert_eq!(
                settled(&defaults, &tally),
                expected,
                "{}",
                tally_text(&tally)
            );
        }
        // with revoting every ballot may still change: only a college that cannot pass
        // even if everyone voted yes settles it
        let revoting = Rules {
            allow_revoting: true,
            ..defaults
        };
        let everyone = Tally {
            activists: all_in,
            technologists: all_in,
        };
        assert!(!settled(&revoting, &everyone));
        let never = Rules {
            allow_revoting: true,
            activists: CollegeRules {
                quorum: Decimal::one(),
                threshold: Decimal::one(),
            },
            ..defaults
        };
        assert!(settled(&never, &everyone));
    }

    proptest! {
        #[test]
        fn matches_rational_arithmetic(yes in 0u64..1000, no in 0u64..1000, abstain in 0u64..1000, extra in 0u64..1000, q in 0u128..=1_000_000_000_000_000_000, t in 0u128..=1_000_000_000_000_000_000) {
            let eligible = yes + no + abstain + extra;
            let college_rules = CollegeRules { quorum: Decimal::new(q.into()), threshold: Decimal::new(t.into()) };
            let outcome = college_outcome(&college_rules, &college(yes, no, abstain, eligible));
            let scale = 1_000_000_000_000_000_000u128;
            prop_assert_eq!(outcome.turnout_met, u128::from(yes + no + abstain) * scale >= q * u128::from(eligible));
            prop_assert_eq!(outcome.approval_met, u128::from(yes) * scale > t * u128::from(yes + no));
        }
    }
}
