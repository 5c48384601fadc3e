//! Validation of voting rules.

use berty_interface::council_vote::{CollegeRules, Rules};
use cosmwasm_std::Decimal;

use crate::error::ContractError;

/// A voting period longer than a year is a typo, and would overflow nothing but patience.
pub const MAX_VOTING_PERIOD: u64 = 365 * 24 * 60 * 60;

fn invalid(field: &'static str, reason: &'static str) -> ContractError {
    ContractError::InvalidRules { field, reason }
}

fn validate_college(
    rules: &CollegeRules,
    quorum_field: &'static str,
    threshold_field: &'static str,
) -> Result<(), ContractError> {
    if rules.quorum > Decimal::one() {
        return Err(invalid(quorum_field, "must be between 0 and 1"));
    }
    // `yes > 1 × (yes + no)` never holds: such a rule would stop every proposal, including
    // the one that would repair it.
    if rules.threshold >= Decimal::one() {
        return Err(invalid(
            threshold_field,
            "must be at least 0 and below 1 (with 1 nothing can pass)",
        ));
    }
    Ok(())
}

/// `field` names the rules in errors (`rules` or `governance_rules`).
pub fn validate_rules(rules: &Rules, governance: bool) -> Result<(), ContractError> {
    let [period, aq, at, tq, tt] = if governance {
        [
            "governance_rules.voting_period",
            "governance_rules.activists.quorum",
            "governance_rules.activists.threshold",
            "governance_rules.technologists.quorum",
            "governance_rules.technologists.threshold",
        ]
    } else {
        [
            "rules.voting_period",
            "rules.activists.quorum",
            "rules.activists.threshold",
            "rules.technologists.quorum",
            "rules.technologists.threshold",
        ]
    };
    if rules.voting_period == 0 || rules.voting_period > MAX_VOTING_PERIOD {
        return Err(invalid(
            period,
            "must be more than 0 seconds and at most a year",
        ));
    }
    validate_college(&rules.activists, aq, at)?;
    validate_college(&rules.technologists, tq, tt)
}

/// Validates `rules` and `governance_rules` (which default to `rules`).
pub fn validate_pair(
    rules: Rules,
    governance_rules: Option<Rules>,
) -> Result<(Rules, Rules), ContractError> {
    validate_rules(&rules, false)?;
    let governance_rules = match governance_rules {
        Some(g) => {
            validate_rules(&g, true)?;
            g
        }
        None => rules.clone(),
    };
    Ok((rules, governance_rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(validate_rules(&Rules::default(), false).is_ok());
        let (r, g) = validate_pair(Rules::default(), None).unwrap();
        assert_eq!(r, g);
    }

    #[test]
    fn each_bad_field_is_named() {
        let base = Rules::default();
        let over = Decimal::percent(101);
        let cases: Vec<(Rules, bool, &str)> = vec![
            (
                Rules {
                    voting_period: 0,
                    ..base.clone()
                },
                false,
                "rules.voting_period",
            ),
            (
                Rules {
                    voting_period: MAX_VOTING_PERIOD + 1,
                    ..base.clone()
                },
                true,
                "governance_rules.voting_period",
            ),
            (
                Rules {
                    activists: CollegeRules {
                        quorum: over,
                        ..base.activists
                    },
                    ..base.clone()
                },
                false,
                "rules.activists.quorum",
            ),
            (
                Rules {
                    technologists: CollegeRules {
                        threshold: Decimal::one(),
                        ..base.technologists
                    },
                    ..base.clone()
                },
                true,
                "governance_rules.technologists.threshold",
            ),
        ];
        for (rules, governance, field) in cases {
            match validate_rules(&rules, governance) {
                Err(ContractError::InvalidRules { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        // the edges that are valid
        let edges = Rules {
            voting_period: MAX_VOTING_PERIOD,
            activists: CollegeRules {
                quorum: Decimal::one(),
                threshold: Decimal::zero(),
            },
            technologists: CollegeRules {
                quorum: Decimal::zero(),
                threshold: Decimal::from_atomics(999_999_999_999_999_999u128, 18).unwrap(),
            },
            ..base
        };
        assert!(validate_rules(&edges, false).is_ok());
    }
}
