"""What the stand-in keeps: users, chats and their members, the messages and files the bot sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from standin.limits import JSONDict
from standin.params import Upload


@dataclass
class FakeUser:
    """A Telegram user talking to the bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "nl"

    def to_dict(self) -> JSONDict:
        """The Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    def private_chat(self) -> JSONDict:
        """The Bot API ``Chat`` object of the bot's private chat with this user."""
        data: JSONDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass
class FakeChat:
    """A group or supergroup (ids are negative on Telegram, e.g. -100123 for supergroups)."""

    id: int
    type: str
    title: str | None = None

    def to_dict(self) -> JSONDict:
        """The Bot API ``Chat`` object."""
        data: JSONDict = {"id": self.id, "type": self.type}
        if self.title is not None:
            data["title"] = self.title
        return data


@dataclass
class SentMessage:
    """One message as the bot sent it; edits update it in place.

    ``text`` and ``parse_mode`` are what the bot sent (markup included); ``plain_text`` and
    ``entities`` are what Telegram shows (for a document: its caption).
    """

    chat_id: int
    message_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: JSONDict | None
    date: int
    edited: bool = False
    document: JSONDict | None = None
    plain_text: str | None = None
    entities: list[JSONDict] = field(default_factory=list)
    edit_date: int | None = None
    reply_to_message_id: int | None = None
    reply_keyboard: JSONDict | None = None
    deleted: bool = False

    def buttons(self) -> list[JSONDict]:
        """The inline keyboard's buttons, row by row, as one list."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button(self, text: str) -> JSONDict:
        """The inline button labelled ``text``; LookupError if there is none."""
        for button in self.buttons():
            if button["text"] == text:
                return button
        labels = [button["text"] for button in self.buttons()]
        raise LookupError(f"no button {text!r} on message {self.message_id}; buttons: {labels}")


@dataclass
class _Group:
    chat: FakeChat
    members: dict[int, str] = field(default_factory=dict)
    bot_status: str = "member"


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    upload: Upload

    def document(self) -> JSONDict:
        """The Bot API ``Document`` object."""
        return {
            "file_name": self.upload.file_name,
            "mime_type": self.upload.mime_type,
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.upload.content),
        }


_ADMIN_RIGHTS: Final = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_pin_messages": True,
}
_MEMBER_STATUSES: Final = frozenset({"creator", "administrator", "member", "restricted"})


def _chat_member(status: str, user: JSONDict) -> JSONDict:
    """A Bot API ``ChatMember`` object with the fields its status requires."""
    member: JSONDict = {"status": status, "user": user}
    if status == "administrator":
        member.update(_ADMIN_RIGHTS)
    elif status == "creator":
        member["is_anonymous"] = False
    elif status == "kicked":
        member["until_date"] = 0
    return member
