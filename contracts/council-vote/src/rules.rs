//! Validation of voting rules: the interface's one definition (`Rules::problem`), with the
//! field named in `rules` or `governance_rules`.

use berty_interface::council_vote::Rules;

use crate::error::ContractError;

pub use berty_interface::council_vote::MAX_RULES_PERIOD as MAX_VOTING_PERIOD;

pub fn validate_rules(rules: &Rules, governance: bool) -> Result<(), ContractError> {
    match rules.problem() {
        Some((field, reason)) => Err(ContractError::InvalidRules {
            field: field.path(governance),
            reason,
        }),
        None => Ok(()),
    }
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
    use berty_interface::council_vote::CollegeRules;
    use cosmwasm_std::Decimal;

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
                        quorum: Decimal::zero(),
                        ..base.technologists
                    },
                    ..base.clone()
                },
                true,
                "governance_rules.technologists.quorum",
            ),
            (
                Rules {
                    execution_window: 0,
                    ..base.clone()
                },
                false,
                "rules.execution_window",
            ),
            (
                Rules {
                    execution_window: MAX_VOTING_PERIOD + 1,
                    ..base.clone()
                },
                true,
                "governance_rules.execution_window",
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
            execution_window: MAX_VOTING_PERIOD,
            activists: CollegeRules {
                quorum: Decimal::one(),
                threshold: Decimal::zero(),
            },
            technologists: CollegeRules {
                quorum: Decimal::from_atomics(1u128, 18).unwrap(),
                threshold: Decimal::from_atomics(999_999_999_999_999_999u128, 18).unwrap(),
            },
            ..base.clone()
        };
        assert!(validate_rules(&edges, false).is_ok());
        let shortest = Rules {
            voting_period: 1,
            execution_window: 1,
            ..base
        };
        assert!(validate_rules(&shortest, true).is_ok());
    }
}
