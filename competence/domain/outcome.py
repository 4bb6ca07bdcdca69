"""What a use case returns: the errors by field, or the value it produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")

# An error is a catalogue key, or a key with the values its message needs.
Message = str | tuple[str, dict[str, object]]


@dataclass
class Outcome(Generic[T]):
    errors: dict[str, Message] = field(default_factory=dict)
    value: T | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def then(self, step: Callable[[T], "Outcome[U]"]) -> "Outcome[U]":
        """The next step with this value, or these errors when this one failed."""
        return step(self.value) if self.ok else Outcome(errors=self.errors)


def failed(field_name: str, message: Message) -> Outcome:
    return Outcome(errors={field_name: message})
