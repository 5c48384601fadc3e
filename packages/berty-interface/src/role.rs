//! Roles and colleges (SPEC section 3). A member holds exactly one role.

use cosmwasm_schema::cw_serde;

/// The two colleges of the Council; each must pass its own turnout and approval tests.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord, Hash)]
pub enum College {
    Activists,
    Technologists,
}

impl College {
    pub const ALL: [College; 2] = [College::Activists, College::Technologists];

    pub fn as_str(&self) -> &'static str {
        match self {
            College::Activists => "activists",
            College::Technologists => "technologists",
        }
    }
}

/// A member's role, as JSON: `{"council":{"college":"activists"}}`, `"core_team_rep"`, `"auditor"`.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Council { college: College },
    CoreTeamRep,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Council {
            college: College::Activists,
        },
        Role::Council {
            college: College::Technologists,
        },
        Role::CoreTeamRep,
        Role::Auditor,
    ];

    pub fn kind(&self) -> RoleKind {
        match self {
            Role::Council { .. } => RoleKind::Council,
            Role::CoreTeamRep => RoleKind::CoreTeamRep,
            Role::Auditor => RoleKind::Auditor,
        }
    }

    pub fn college(&self) -> Option<College> {
        match self {
            Role::Council { college } => Some(*college),
            _ => None,
        }
    }

    /// One byte per role, the first component of the membership role index key.
    pub fn code(&self) -> u8 {
        match self {
            Role::Council {
                college: College::Activists,
            } => 1,
            Role::Council {
                college: College::Technologists,
            } => 2,
            Role::CoreTeamRep => 3,
            Role::Auditor => 4,
        }
    }

    pub fn from_code(code: u8) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    /// The role as an event attribute: its JSON, a string role unquoted (`auditor`,
    /// `core_team_rep`, `{"council":{"college":"activists"}}`), so an indexer reads it back
    /// as SPEC writes roles.
    pub fn attribute_value(&self) -> String {
        match self {
            Role::Council { college } => {
                format!(r#"{{"council":{{"college":"{}"}}}}"#, college.as_str())
            }
            Role::CoreTeamRep => "core_team_rep".to_string(),
            Role::Auditor => "auditor".to_string(),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Role::Council { college } => write!(f, "council ({})", college.as_str()),
            Role::CoreTeamRep => f.write_str("core_team_rep"),
            Role::Auditor => f.write_str("auditor"),
        }
    }
}

/// A role without its college, for filters: `"council"`, `"core_team_rep"`, `"auditor"`.
#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum RoleKind {
    Council,
    CoreTeamRep,
    Auditor,
}

/// The `role` filter of list queries: a role kind (`"council"`) or a whole role
/// (`{"council":{"college":"activists"}}`); frontends write either.
#[cw_serde]
#[derive(Copy, Eq, Hash)]
#[serde(untagged)]
#[schemaifier(mute_warnings)]
pub enum RoleFilter {
    Kind(RoleKind),
    Role(Role),
}

impl RoleFilter {
    /// The roles a filter (with an optional college) selects, in role-code order.
    /// `None` when the role and the college contradict each other.
    pub fn roles(filter: Option<RoleFilter>, college: Option<College>) -> Option<Vec<Role>> {
        let by_filter: Vec<Role> = match filter {
            None => Role::ALL.to_vec(),
            Some(RoleFilter::Role(role)) => vec![role],
            Some(RoleFilter::Kind(kind)) => {
                Role::ALL.into_iter().filter(|r| r.kind() == kind).collect()
            }
        };
        let selected: Vec<Role> = match college {
            None => by_filter,
            Some(c) => by_filter
                .into_iter()
                .filter(|r| r.college() == Some(c))
                .collect(),
        };
        (!selected.is_empty()).then_some(selected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn roles_render_as_spec_writes_them() {
        let activist = Role::Council {
            college: College::Activists,
        };
        assert_eq!(
            to_json_string(&activist).unwrap(),
            r#"{"council":{"college":"activists"}}"#
        );
        assert_eq!(
            to_json_string(&Role::CoreTeamRep).unwrap(),
            r#""core_team_rep""#
        );
        assert_eq!(to_json_string(&Role::Auditor).unwrap(), r#""auditor""#);
        assert_eq!(
            from_json::<Role>(r#"{"council":{"college":"technologists"}}"#).unwrap(),
            Role::Council {
                college: College::Technologists
            }
        );
    }

    #[test]
    fn attribute_values_are_the_json_with_strings_unquoted() {
        for role in Role::ALL {
            let json = to_json_string(&role).unwrap();
            assert_eq!(role.attribute_value(), json.trim_matches('"'), "{role}");
        }
    }

    #[test]
    fn role_codes_are_distinct() {
        let mut codes: Vec<u8> = Role::ALL.iter().map(Role::code).collect();
        codes.dedup();
        assert_eq!(codes, vec![1, 2, 3, 4]);
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code(0), None);
        assert_eq!(Role::from_code(5), None);
    }

    #[test]
    fn role_filter_accepts_kind_or_whole_role() {
        assert_eq!(
            from_json::<RoleFilter>(r#""council""#).unwrap(),
            RoleFilter::Kind(RoleKind::Council)
        );
        assert_eq!(
            from_json::<RoleFilter>(r#""auditor""#).unwrap(),
            RoleFilter::Kind(RoleKind::Auditor)
        );
        assert_eq!(
            from_json::<RoleFilter>(r#"{"council":{"college":"activists"}}"#).unwrap(),
            RoleFilter::Role(Role::Council {
                college: College::Activists
            })
        );
        assert!(from_json::<RoleFilter>(r#""king""#).is_err());
    }

    #[test]
    fn role_filter_selects_roles() {
        let all = RoleFilter::roles(None, None).unwrap();
        assert_eq!(all, Role::ALL.to_vec());
        let council = RoleFilter::roles(Some(RoleFilter::Kind(RoleKind::Council)), None).unwrap();
        assert_eq!(council, Role::ALL[..2].to_vec());
        let techs = RoleFilter::roles(None, Some(College::Technologists)).unwrap();
        assert_eq!(
            techs,
            vec![Role::Council {
                college: College::Technologists
            }]
        );
        assert_eq!(
            RoleFilter::roles(
                Some(RoleFilter::Kind(RoleKind::Auditor)),
                Some(College::Activists)
            ),
            None
        );
    }
}
