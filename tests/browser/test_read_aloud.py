"""Read-aloud in Chromium: a staff recording, else the tablet's voice, else ask a grown-up."""

from app.models import Role
from tests.browser.conftest import Visitor
from tests.browser.staff import SIGN_INS, sign_in_as

CAREGIVER = SIGN_INS[Role.CAREGIVER]
# Chromium's speech engine has no voices here, so the tablet-voice path is driven through a
# stand-in for window.speechSynthesis that keeps what it is asked to say.
FAKE_VOICE = """
(() => {
  const spoken = window.__spoken = [];
  const voice = {lang: 'ar-EG', name: 'Test Arabic', localService: true, default: true};
  let paused = false;
  const fake = {
    getVoices: () => [voice],
    speak: (u) => { spoken.push(u.text); if (u.onend) window.__last = u; },
    cancel: () => spoken.push('<cancel>'),
    pause: () => { paused = true; spoken.push('<pause>'); },
    resume: () => { paused = false; spoken.push('<resume>'); },
    addEventListener: () => {}, removeEventListener: () => {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: fake, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_without_a_voice_or_a_recording_the_child_is_asked_to_read_with_a_grown_up(visitor) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.visit("/km/rights/older/all/a-safe-place-to-stay")
    has_khmer_voice = page.evaluate(
        "() => speechSynthesis.getVoices().some(v => v.lang.startsWith('km'))"
    )
    assert not has_khmer_voice, "this machine has a Khmer voice: the hint would not show"
    assert page.locator(".ask-grown-up").is_visible()
    assert not page.locator(".button-listen").is_visible()


def test_the_tablets_own_voice_reads_the_card_and_one_button_pauses_and_replays(  # type: ignore[no-untyped-def]
    visitor,
) -> None:
    page = visitor.page
    page.add_init_script(FAKE_VOICE)
    visitor.visit("/ar/rights/older/all/you-are-a-child-first")
    button = page.locator(".button-listen")
    assert button.is_visible() and not page.locator(".ask-grown-up").is_visible()
    button.click()
    expected = page.locator("[data-read]").all_inner_texts()
    spoken = page.evaluate("() => window.__spoken.filter(t => !t.startsWith('<'))")
    assert spoken == [t.strip() for t in expected]
    assert button.get_attribute("aria-pressed") == "true"
    button.click()
    assert page.evaluate("() => window.__spoken.at(-1)") == "<pause>"
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert page.evaluate("() => window.__spoken.at(-1)") == "<resume>"
    page.evaluate("() => window.__last.onend()")  # the voice reaches the end
    assert button.inner_text().strip() == button.get_attribute("data-again")
    assert button.get_attribute("aria-pressed") == "false"
    # Moving to the next card stops the voice.
    page.locator("a[rel=next]").click()
    page.wait_for_function("() => window.__spoken.at(-1) === '<cancel>'")
    visitor.check()


def test_staff_record_a_narration_in_the_browser_and_a_child_plays_pauses_and_replays_it(  # type: ignore[no-untyped-def]
    visitor, browser, live_server
) -> None:
    page = visitor.page
    sign_in_as(visitor, CAREGIVER.email, CAREGIVER.password)
    visitor.visit("/care/narrations/?language=my")
    page.get_by_role("link", name="Record or upload").first.wait_for()
    visitor.visit("/care/narrations/my/younger/your-privacy")
    page.get_by_role("button", name="Start recording").click()
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Stop").click()
    page.locator("[data-recorder=preview]").wait_for(state="visible")
    page.get_by_role("button", name="Save narration").click()
    visitor.check()
    assert page.get_by_text("Narration saved").is_visible()

    child = browser.new_context()
    try:
        reader = Visitor(child.new_page(), live_server)
        tablet = reader.page
        reader.visit("/my/rights/younger/all/your-privacy")
        button = tablet.locator(".button-listen")
        assert button.is_visible() and not tablet.locator(".ask-grown-up").is_visible()
        button.click()
        tablet.wait_for_function("() => !document.querySelector('audio').paused")
        assert button.get_attribute("aria-pressed") == "true"
        button.click()
        tablet.wait_for_function("() => document.querySelector('audio').paused")
        button.click()
        tablet.wait_for_function("() => document.querySelector('audio').ended", timeout=10000)
        assert button.get_attribute("aria-pressed") == "false"
        button.click()  # listen again
        tablet.wait_for_function("() => !document.querySelector('audio').paused")
    finally:
        child.close()
        page.get_by_role("button", name="Remove this narration").click()  # the shared database
        visitor.check()
