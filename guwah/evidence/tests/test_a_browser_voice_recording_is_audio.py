"""A voice recorded in the browser (MediaRecorder: Opus in WebM) is audio, so it is accepted as a
testimony's recording and played as audio; a WebM film stays a video."""

from guwah.evidence.sniff import sniff

HEADER = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x18\x53\x80\x67\x16\x54\xae\x6b"


def test_webm_with_only_an_opus_track_is_audio() -> None:
    found = sniff(HEADER + b"\xae\x86A_OPUS\x63\xa2OpusHead" + bytes(64))
    assert (found.mime, found.accepted) == ("audio/webm", True)


def test_webm_with_a_video_track_stays_a_video() -> None:
    found = sniff(HEADER + b"\xae\x85V_VP8\xae\x86A_OPUS" + bytes(64))
    assert found.mime == "video/webm"
