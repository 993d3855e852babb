import { render } from "preact";
import { App } from "./app";
import { kvSet, SW_LOCALE_KEY } from "./lib/idb";
import { getLocale, onLocaleChange } from "./lib/i18n";
import "./index.css";

document.documentElement.lang = getLocale();
// The service worker writes a summary's count line in the app's language (src/sw/push.ts).
const mirrorLocale = (locale: string) => void kvSet(SW_LOCALE_KEY, locale).catch(() => undefined);
mirrorLocale(getLocale());
onLocaleChange(mirrorLocale);
render(<App />, document.getElementById("app")!);
