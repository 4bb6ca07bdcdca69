// « Je ne suis pas un robot »: the self-hosted ALTCHA proof-of-work widget.
// The challenge comes inline from the server (no request to any host); the
// solved payload joins the surrounding form under the field name "altcha".
import "altcha";

export function AltchaWidget({ challengejson, strings }) {
  return (
    <altcha-widget
      challengejson={challengejson}
      strings={strings}
      name="altcha"
      hidefooter
      hidelogo
    ></altcha-widget>
  );
}
