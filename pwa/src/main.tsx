import { render } from "preact";
import { App } from "./app";
import { getLocale } from "./lib/i18n";
import "./index.css";

document.documentElement.lang = getLocale();
render(<App />, document.getElementById("app")!);
