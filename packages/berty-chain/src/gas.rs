//! Gas as wasmd charges it, in Cosmos SDK gas units, split by what it pays for.
//!
//! Sources (each constant below names its own):
//! - wasmd `x/wasm/types/gas_register.go` (wasmd 0.60, wasmvm v3): the VM-gas multiplier,
//!   the instance (setup) cost, the event costs.
//! - wasmd `x/wasm/keeper/api.go`: the address conversion costs and the JSON deserialization
//!   cost of a contract's result (applied by wasmvm's `DeserializeResponse`).
//! - cosmos-sdk `store/types/gas.go` `KVGasConfig()` and `store/gaskv/store.go`: storage gas,
//!   charged on the full key, i.e. with wasmd's contract-store prefix
//!   (`x/wasm/types/keys.go` `GetContractStorePrefix`: `0x03 ‖ contract address`).

use std::fmt;
use std::ops::AddAssign;

use cosmwasm_std::{Attribute, Event};

/// wasmd `DefaultGasMultiplier`: CosmWasm (VM) gas points per SDK gas point. It was
/// 140_000_000 up to CosmWasm 1.x; CosmWasm 2.0 divided VM gas by 1000 (cosmwasm#1884) and
/// wasmd followed with 140_000.
pub const GAS_MULTIPLIER: u64 = 140_000;
/// wasmd `DefaultInstanceCost`: SDK gas for loading a contract instance that is not pinned.
pub const INSTANCE_COST: u64 = 60_000;
/// wasmd `DefaultInstanceCostDiscount`: loading an instance assumed cached (a reply to a
/// contract that just ran, or pinned code).
pub const INSTANCE_COST_DISCOUNT: u64 = 2_000;
/// wasmd `DefaultCompileCost`: SDK gas per byte of stored wasm code.
pub const COMPILE_COST_PER_BYTE: u64 = 3;
/// wasmd `DefaultEventAttributeDataCost`: SDK gas per byte of event attribute keys and values.
pub const EVENT_ATTRIBUTE_DATA_COST: u64 = 1;
/// wasmd `DefaultPerAttributeCost`.
pub const EVENT_PER_ATTRIBUTE_COST: u64 = 10;
/// wasmd `DefaultPerCustomEventCost`.
pub const EVENT_PER_CUSTOM_EVENT_COST: u64 = 20;
/// wasmd `DefaultEventAttributeDataFreeTier`: attribute bytes of one response not charged.
pub const EVENT_ATTRIBUTE_DATA_FREE_TIER: u64 = 100;
/// wasmd `api.go` `DefaultDeserializationCostPerByte`: SDK gas per byte of a contract's
/// result JSON (wasmvm `DeserializeResponse` adds it to the VM gas).
pub const DESERIALIZATION_COST_PER_BYTE: u64 = 1;
/// wasmd `api.go` `DefaultGasCostHumanAddress` (SDK gas; the VM is charged it × multiplier).
pub const HUMANIZE_COST: u64 = 5;
/// wasmd `api.go` `DefaultGasCostCanonicalAddress`.
pub const CANONICALIZE_COST: u64 = 4;
/// wasmd `api.go` `DefaultGasCostValidateAddress` = humanize + canonicalize.
pub const VALIDATE_COST: u64 = HUMANIZE_COST + CANONICALIZE_COST;

/// cosmos-sdk `store/types/gas.go` `KVGasConfig()`.
pub mod kv {
    pub const HAS_COST: u64 = 1_000;
    pub const DELETE_COST: u64 = 1_000;
    pub const READ_COST_FLAT: u64 = 1_000;
    pub const READ_COST_PER_BYTE: u64 = 3;
    pub const WRITE_COST_FLAT: u64 = 2_000;
    pub const WRITE_COST_PER_BYTE: u64 = 30;
    pub const ITER_NEXT_COST_FLAT: u64 = 30;

    /// `gaskv.Store.Get`: flat, plus per byte of the full key and of the value read
    /// (0 bytes when absent).
    pub fn read(full_key_len: usize, value_len: usize) -> u64 {
        READ_COST_FLAT + READ_COST_PER_BYTE * (full_key_len + value_len) as u64
    }

    /// `gaskv.Store.Set`: flat, plus per byte of the full key and of the value.
    pub fn write(full_key_len: usize, value_len: usize) -> u64 {
        WRITE_COST_FLAT + WRITE_COST_PER_BYTE * (full_key_len + value_len) as u64
    }

    /// `gasIterator.consumeSeekGas`: flat, plus per byte of the entry under the cursor, if any.
    /// Charged once when an iterator is created and once on every `Next` (for the entry it
    /// moves past), so the first entry is paid twice.
    pub fn seek(entry: Option<(usize, usize)>) -> u64 {
        let bytes = entry.map_or(0, |(k, v)| (k + v) as u64);
        ITER_NEXT_COST_FLAT + READ_COST_PER_BYTE * bytes
    }
}

/// `SetupContractCost`: what loading an instance costs (message bytes are free by default).
pub fn setup_cost(discount: bool) -> u64 {
    if discount {
        INSTANCE_COST_DISCOUNT
    } else {
        INSTANCE_COST
    }
}

/// `EventCosts(attrs, events)`: a response's attributes and custom events, with the free tier
/// shared by all of them in order.
pub fn event_costs(attributes: &[Attribute], events: &[Event]) -> u64 {
    let (mut gas, mut free) = attribute_costs(attributes, EVENT_ATTRIBUTE_DATA_FREE_TIER);
    for event in events {
        gas += EVENT_PER_CUSTOM_EVENT_COST + event.ty.len() as u64 * EVENT_ATTRIBUTE_DATA_COST;
        let (cost, left) = attribute_costs(&event.attributes, free);
        gas += cost;
        free = left;
    }
    gas
}

/// `eventAttributeCosts`: (gas, free tier left).
fn attribute_costs(attributes: &[Attribute], free_tier: u64) -> (u64, u64) {
    if attributes.is_empty() {
        return (0, free_tier);
    }
    let bytes: u64 = attributes
        .iter()
        .map(|a| (a.key.len() + a.value.len()) as u64)
        .sum();
    let (charged, left) = if bytes <= free_tier {
        (0, free_tier - bytes)
    } else {
        (bytes - free_tier, 0)
    };
    (
        charged * EVENT_ATTRIBUTE_DATA_COST + attributes.len() as u64 * EVENT_PER_ATTRIBUTE_COST,
        left,
    )
}

/// SDK gas of one transaction (or query), by what it paid for. `total()` is what a wasmd
/// chain's gas meter would show for the wasm part of the transaction (the ante handler's
/// signature and transaction-size gas come on top and are the same for every message).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GasUsed {
    /// Instance loading (`SetupContractCost`, `ReplyCosts`), one per contract call.
    pub setup: u64,
    /// The VM's own gas (wasm instructions, host calls, crypto), divided by the multiplier.
    pub vm: u64,
    /// Storage under the SDK KV gas table.
    pub storage: u64,
    /// Event attributes and custom events of the responses.
    pub events: u64,
    /// Result JSON bytes.
    pub deserialization: u64,
    /// Number of contract instances loaded (calls, queries into contracts, replies).
    pub instances: u64,
}

impl GasUsed {
    pub fn total(&self) -> u64 {
        self.setup + self.vm + self.storage + self.events + self.deserialization
    }
}

/// JSON: the parts and their `total`.
impl serde::Serialize for GasUsed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("GasUsed", 7)?;
        s.serialize_field("total", &self.total())?;
        s.serialize_field("setup", &self.setup)?;
        s.serialize_field("vm", &self.vm)?;
        s.serialize_field("storage", &self.storage)?;
        s.serialize_field("events", &self.events)?;
        s.serialize_field("deserialization", &self.deserialization)?;
        s.serialize_field("instances", &self.instances)?;
        s.end()
    }
}

impl AddAssign for GasUsed {
    fn add_assign(&mut self, other: Self) {
        self.setup += other.setup;
        self.vm += other.vm;
        self.storage += other.storage;
        self.events += other.events;
        self.deserialization += other.deserialization;
        self.instances += other.instances;
    }
}

impl fmt::Display for GasUsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} gas (instances {} × load = {}, vm {}, storage {}, events {}, results {})",
            self.total(),
            self.instances,
            self.setup,
            self.vm,
            self.storage,
            self.events,
            self.deserialization
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kv_costs_follow_the_sdk_table() {
        // A 10-byte value under a 1 + 32 + 5 byte key.
        assert_eq!(kv::read(38, 10), 1_000 + 3 * 48);
        assert_eq!(kv::read(38, 0), 1_000 + 3 * 38);
        assert_eq!(kv::write(38, 10), 2_000 + 30 * 48);
        assert_eq!(kv::seek(None), 30);
        assert_eq!(kv::seek(Some((38, 10))), 30 + 3 * 48);
    }

    #[test]
    fn event_costs_apply_one_free_tier_across_attributes_and_events() {
        // 60 bytes of attributes: inside the free tier, only the count is charged.
        let attrs = vec![Attribute::new("action", "x".repeat(54))];
        assert_eq!(event_costs(&attrs, &[]), 10);
        // A custom event with 60 more bytes: 20 over the tier.
        let event = Event::new("ballot").add_attribute("voter", "y".repeat(55));
        assert_eq!(event_costs(&attrs, &[event]), 10 + 20 + 6 + 20 + 10);
        assert_eq!(event_costs(&[], &[]), 0);
    }

    #[test]
    fn setup_cost_is_discounted_for_cached_instances() {
        assert_eq!(setup_cost(false), 60_000);
        assert_eq!(setup_cost(true), 2_000);
    }

    #[test]
    fn total_adds_every_part_but_not_the_instance_count() {
        let gas = GasUsed {
            setup: 1,
            vm: 2,
            storage: 3,
            events: 4,
            deserialization: 5,
            instances: 100,
        };
        assert_eq!(gas.total(), 15);
    }
}
