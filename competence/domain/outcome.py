"""What a use case returns: the errors by field, or the value it produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

# An error is a catalogue key, or a key with the values its message needs.
Message = str | tuple[str, dict[str, object]]


@dataclass
class Outcome(Generic[T]):
    errors: dict[str, Message] = field(default_factory=dict)
    value: T | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def failed(field_name: str, message: Message) -> Outcome:
    return Outcome(errors={field_name: message})
