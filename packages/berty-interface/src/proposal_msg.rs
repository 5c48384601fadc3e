//! A message of a governance proposal, read as SPEC 4.3 allows it: `bank` and `wasm` only.
//!
//! On the wire it is a `CosmosMsg` (the schema says so). Reading it as one would fail on
//! kinds this build of cosmwasm-std does not compile in (`stargate`, `ibc`, `staking`,
//! `distribution`) with a parse error that names none of SPEC's errors; so any kind but
//! `bank` and `wasm` is kept as its name, and council-vote refuses it with
//! `UnsupportedMessage` naming it.

use std::fmt;

use cosmwasm_std::{BankMsg, CosmosMsg, Empty, WasmMsg};
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub enum ProposalMsg {
    Bank(BankMsg),
    Wasm(WasmMsg),
    /// Any other kind, by the key that names it (`any`, `stargate`, `custom`, ...).
    Unsupported {
        kind: String,
    },
}

impl ProposalMsg {
    /// The message to run, for `bank` and `wasm`.
    pub fn into_cosmos(self) -> Option<CosmosMsg<Empty>> {
        match self {
            ProposalMsg::Bank(msg) => Some(CosmosMsg::Bank(msg)),
            ProposalMsg::Wasm(msg) => Some(CosmosMsg::Wasm(msg)),
            ProposalMsg::Unsupported { .. } => None,
        }
    }
}

/// Described as the `CosmosMsg` it is on the wire (cosmwasm-schema's second schema format;
/// the JSON schema says the same through `#[schemars(with)]` on the field).
impl cosmwasm_schema::cw_schema::Schemaifier for ProposalMsg {
    fn id() -> cosmwasm_schema::cw_schema::Identifier {
        <CosmosMsg<Empty> as cosmwasm_schema::cw_schema::Schemaifier>::id()
    }

    fn visit_schema(
        visitor: &mut cosmwasm_schema::cw_schema::SchemaVisitor,
    ) -> cosmwasm_schema::cw_schema::DefinitionReference {
        <CosmosMsg<Empty> as cosmwasm_schema::cw_schema::Schemaifier>::visit_schema(visitor)
    }
}

impl From<CosmosMsg<Empty>> for ProposalMsg {
    fn from(msg: CosmosMsg<Empty>) -> Self {
        match msg {
            CosmosMsg::Bank(msg) => ProposalMsg::Bank(msg),
            CosmosMsg::Wasm(msg) => ProposalMsg::Wasm(msg),
            other => {
                // the kind as the JSON names it: the first key of the serialized message
                let json = cosmwasm_std::to_json_string(&other).unwrap_or_default();
                let kind = json
                    .get(2..)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap_or_default()
                    .to_owned();
                ProposalMsg::Unsupported { kind }
            }
        }
    }
}

impl Serialize for ProposalMsg {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            ProposalMsg::Bank(msg) => map.serialize_entry("bank", msg)?,
            ProposalMsg::Wasm(msg) => map.serialize_entry("wasm", msg)?,
            ProposalMsg::Unsupported { kind } => map.serialize_entry(kind, &Empty {})?,
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ProposalMsg {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneKey;
        impl<'de> Visitor<'de> for OneKey {
            type Value = ProposalMsg;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a Cosmos message: an object with one key naming its kind")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ProposalMsg, A::Error> {
                let kind: String = map
                    .next_key()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let msg = match kind.as_str() {
                    "bank" => ProposalMsg::Bank(map.next_value()?),
                    "wasm" => ProposalMsg::Wasm(map.next_value()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                        ProposalMsg::Unsupported { kind }
                    }
                };
                if map.next_key::<IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(2, &self));
                }
                Ok(msg)
            }
        }
        deserializer.deserialize_map(OneKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{coins, from_json, to_json_string};

    #[test]
    fn bank_and_wasm_read_and_write_as_cosmos_messages_do() {
        let msgs: [CosmosMsg<Empty>; 2] = [
            BankMsg::Send {
                to_address: "addr".into(),
                amount: coins(5, "uberty"),
            }
            .into(),
            WasmMsg::Execute {
                contract_addr: "contract".into(),
                msg: b"{}".into(),
                funds: vec![],
            }
            .into(),
        ];
        for msg in msgs {
            let json = to_json_string(&msg).unwrap();
            let read: ProposalMsg = from_json(&json).unwrap();
            assert_eq!(to_json_string(&read).unwrap(), json);
            assert_eq!(read.clone().into_cosmos(), Some(msg.clone()));
            assert_eq!(ProposalMsg::from(msg), read);
        }
    }

    #[test]
    fn other_kinds_are_kept_by_name() {
        for (json, kind) in [
            (r#"{"stargate":{"type_url":"/x","value":""}}"#, "stargate"),
            (
                r#"{"distribution":{"set_withdraw_address":{"address":"a"}}}"#,
                "distribution",
            ),
            (r#"{"ibc":{"close_channel":{"channel_id":"c"}}}"#, "ibc"),
            (
                r#"{"staking":{"delegate":{"validator":"v","amount":{"denom":"d","amount":"1"}}}}"#,
                "staking",
            ),
            (r#"{"any":{"type_url":"/x","value":""}}"#, "any"),
            (r#"{"custom":{}}"#, "custom"),
        ] {
            let read: ProposalMsg = from_json(json).unwrap();
            assert_eq!(read, ProposalMsg::Unsupported { kind: kind.into() });
            assert_eq!(read.into_cosmos(), None);
        }
        let any: CosmosMsg<Empty> = CosmosMsg::Any(cosmwasm_std::AnyMsg {
            type_url: "/x".into(),
            value: Default::default(),
        });
        assert_eq!(
            ProposalMsg::from(any),
            ProposalMsg::Unsupported { kind: "any".into() }
        );
    }

    #[test]
    fn a_message_has_exactly_one_key() {
        for json in [
            r#"{}"#,
            r#"{"bank":{"burn":{"amount":[]}},"wasm":{}}"#,
            r#"[]"#,
            r#""bank""#,
        ] {
            assert!(from_json::<ProposalMsg>(json).is_err(), "{json}");
        }
    }
}
