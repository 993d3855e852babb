import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import { base64urlToBytes, bytesToBase64url } from "../../lib/base64url";
import {
  browserErrorText,
  forgetPushOnLogout,
  isAppleMobile,
  pushAvailability,
  sameKey,
  turnOffPush,
  turnOnPush,
  type PushDevice,
  type PushEnvironment,
} from "./push-device";

const desktop: PushEnvironment = {
  serviceWorker: true,
  pushManager: true,
  notification: true,
  permission: "default",
  appleMobile: false,
  standalone: false,
};

describe("pushAvailability", () => {
  it("is the notification permission where push works", () => {
    expect(pushAvailability(desktop)).toBe("default");
    expect(pushAvailability({ ...desktop, permission: "granted" })).toBe("granted");
    expect(pushAvailability({ ...desktop, permission: "denied" })).toBe("denied");
  });

  it("is unsupported without a service worker, the Push API or notifications", () => {
    expect(pushAvailability({ ...desktop, serviceWorker: false })).toBe("unsupported");
    expect(pushAvailability({ ...desktop, pushManager: false })).toBe("unsupported");
    expect(pushAvailability({ ...desktop, notification: false })).toBe("unsupported");
  });

  it("asks iPhone and iPad users to install the app first, and works once installed", () => {
    const safariTab = { ...desktop, appleMobile: true, pushManager: false, notification: false };
    expect(pushAvailability(safariTab)).toBe("install-first");
    expect(pushAvailability({ ...desktop, appleMobile: true, standalone: true })).toBe("default");
  });
});

describe("isAppleMobile", () => {
  it("recognises iPhones and iPads that call themselves Macs", () => {
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15";
    expect(isAppleMobile(iphone, "iPhone", 5)).toBe(true);
    expect(isAppleMobile("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)", "MacIntel", 5)).toBe(true);
    expect(isAppleMobile("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)", "MacIntel", 0)).toBe(false);
    expect(isAppleMobile("Mozilla/5.0 (Linux; Android 14; Pixel 8)", "Linux armv8l", 5)).toBe(false);
  });
});

const KEY = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : i));
const OTHER_KEY = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : 255 - i));

describe("sameKey", () => {
  it("compares the subscription's key byte by byte", () => {
    expect(sameKey(KEY.slice().buffer, KEY)).toBe(true);
    expect(sameKey(OTHER_KEY.slice().buffer, KEY)).toBe(false);
    expect(sameKey(KEY.slice(0, 64).buffer, KEY)).toBe(false);
    expect(sameKey(null, KEY)).toBe(false);
  });
});

function fakeSubscription(endpoint: string, key: Uint8Array) {
  return {
    endpoint,
    options: { applicationServerKey: key.slice().buffer, userVisibleOnly: true },
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: "BPUB", auth: "AUTH" } }),
    unsubscribe: vi.fn(async () => true),
  };
}

type FakeSubscription = ReturnType<typeof fakeSubscription>;

function fakeDevice(options: {
  permission?: NotificationPermission | "unsupported" | "install-first";
  answer?: NotificationPermission;
  existing?: FakeSubscription | null;
  subscribeError?: Error;
  saveError?: Error;
  /** Errors for the first saves, in order; later saves succeed. */
  saveErrors?: Error[];
  removeError?: Error;
  worker?: boolean;
}) {
  let current = options.existing ?? null;
  const fresh = fakeSubscription("https://push.example/new", KEY);
  const pushManager = {
    getSubscription: vi.fn(async () => current),
    subscribe: vi.fn(async (opts: PushSubscriptionOptionsInit) => {
      if (options.subscribeError) throw options.subscribeError;
      expect(opts.userVisibleOnly).toBe(true);
      expect(opts.applicationServerKey).toEqual(KEY);
      current = fresh;
      return fresh;
    }),
  };
  const device = {
    availability: vi.fn(() => options.permission ?? "default"),
    requestPermission: vi.fn(async () => options.answer ?? "granted"),
    registration: vi.fn(async () => (options.worker === false ? null : { pushManager })),
    currentRegistration: vi.fn(async () => (options.worker === false ? null : { pushManager })),
    getKey: vi.fn(async () => bytesToBase64url(KEY)),
    save: vi.fn(async () => {
      if (options.saveError) throw options.saveError;
      const next = options.saveErrors?.shift();
      if (next) throw next;
    }),
    remove: vi.fn(async () => {
      if (options.removeError) throw options.removeError;
    }),
  };
  return { device: device as unknown as PushDevice & typeof device, pushManager, fresh };
}

describe("turnOnPush", () => {
  it("asks for permission first, then subscribes with the server's key and saves the subscription", async () => {
    const { device, pushManager } = fakeDevice({ permission: "default", answer: "granted" });
    await expect(turnOnPush(device)).resolves.toEqual({ status: "on" });
    expect(device.requestPermission).toHaveBeenCalledOnce();
    // The prompt comes before anything else is awaited (Safari needs it inside the tap).
    expect(device.requestPermission.mock.invocationCallOrder[0]).toBeLessThan(
      device.getKey.mock.invocationCallOrder[0]!,
    );
    expect(pushManager.subscribe).toHaveBeenCalledOnce();
    expect(device.save).toHaveBeenCalledWith({
      endpoint: "https://push.example/new",
      keys: { p256dh: "BPUB", auth: "AUTH" },
    });
  });

  it("does not ask again when permission was granted before", async () => {
    const { device } = fakeDevice({ permission: "granted" });
    await expect(turnOnPush(device)).resolves.toEqual({ status: "on" });
    expect(device.requestPermission).not.toHaveBeenCalled();
  });

  it("stops at a refusal or a closed prompt without subscribing", async () => {
    for (const [answer, status] of [
      ["denied", "denied"],
      ["default", "dismissed"],
    ] as const) {
      const { device, pushManager } = fakeDevice({ permission: "default", answer });
      await expect(turnOnPush(device)).resolves.toEqual({ status });
      expect(pushManager.subscribe).not.toHaveBeenCalled();
      expect(device.save).not.toHaveBeenCalled();
    }
  });

  it("never shows a prompt where it cannot work", async () => {
    for (const permission of ["denied", "unsupported", "install-first"] as const) {
      const { device } = fakeDevice({ permission });
      await expect(turnOnPush(device)).resolves.toEqual({ status: permission });
      expect(device.requestPermission).not.toHaveBeenCalled();
    }
  });

  it("reuses a subscription made with the same key and replaces one made with an old key", async () => {
    const same = fakeSubscription("https://push.example/same", KEY);
    const kept = fakeDevice({ permission: "granted", existing: same });
    await turnOnPush(kept.device);
    expect(kept.pushManager.subscribe).not.toHaveBeenCalled();
    expect(kept.device.save).toHaveBeenCalledWith(expect.objectContaining({ endpoint: "https://push.example/same" }));

    const old = fakeSubscription("https://push.example/old", OTHER_KEY);
    const replaced = fakeDevice({ permission: "granted", existing: old });
    await turnOnPush(replaced.device);
    expect(old.unsubscribe).toHaveBeenCalledOnce();
    expect(replaced.device.save).toHaveBeenCalledWith(expect.objectContaining({ endpoint: "https://push.example/new" }));
  });

  it("reports which step failed, and keeps the browser's subscription when only saving failed", async () => {
    const refused = new DOMException("Registration failed - permission denied", "AbortError");
    const subscribing = fakeDevice({ permission: "granted", subscribeError: refused });
    await expect(turnOnPush(subscribing.device)).resolves.toEqual({ status: "failed", step: "subscribe", error: refused });
    expect(subscribing.device.save).not.toHaveBeenCalled();

    const offline = new ApiError(0, "timeout");
    const saving = fakeDevice({ permission: "granted", saveError: offline });
    await expect(turnOnPush(saving.device)).resolves.toEqual({ status: "failed", step: "server", error: offline });
    expect(saving.fresh.unsubscribe).not.toHaveBeenCalled();

    const noWorker = fakeDevice({ permission: "granted", worker: false });
    await expect(turnOnPush(noWorker.device)).resolves.toMatchObject({ status: "failed", step: "worker" });
  });

  it("gets a new endpoint when the server keeps this one for another account (409)", async () => {
    const taken = fakeSubscription("https://push.example/taken", KEY);
    const conflict = new ApiError(409, "This device is registered for another account.");
    const { device, pushManager } = fakeDevice({ permission: "granted", existing: taken, saveErrors: [conflict] });
    await expect(turnOnPush(device)).resolves.toEqual({ status: "on" });
    expect(taken.unsubscribe).toHaveBeenCalledOnce();
    expect(pushManager.subscribe).toHaveBeenCalledOnce();
    expect(device.save).toHaveBeenLastCalledWith(expect.objectContaining({ endpoint: "https://push.example/new" }));

    // A second 409 is reported, never looped on.
    const again = fakeDevice({
      permission: "granted",
      existing: fakeSubscription("https://push.example/t", KEY),
      saveErrors: [conflict, conflict],
    });
    await expect(turnOnPush(again.device)).resolves.toEqual({ status: "failed", step: "server", error: conflict });
    expect(again.device.save).toHaveBeenCalledTimes(2);
  });

  it("decodes the base64url key into the bytes the browser wants", () => {
    expect(base64urlToBytes(bytesToBase64url(KEY))).toEqual(KEY);
  });
});

describe("turnOffPush", () => {
  it("deletes the subscription on the server, then unsubscribes", async () => {
    const existing = fakeSubscription("https://push.example/mine", KEY);
    const { device } = fakeDevice({ existing });
    await expect(turnOffPush(device)).resolves.toBeNull();
    expect(device.remove).toHaveBeenCalledWith("https://push.example/mine");
    expect(existing.unsubscribe).toHaveBeenCalledOnce();
  });

  it("unsubscribes when the server cannot be reached, and reports that", async () => {
    const existing = fakeSubscription("https://push.example/mine", KEY);
    const offline = new ApiError(0, "timeout");
    const { device } = fakeDevice({ existing, removeError: offline });
    await expect(turnOffPush(device)).resolves.toBe(offline);
    expect(existing.unsubscribe).toHaveBeenCalledOnce();
  });

  it("takes a 404 as done, and does nothing without a subscription", async () => {
    const existing = fakeSubscription("https://push.example/mine", KEY);
    const gone = fakeDevice({ existing, removeError: new ApiError(404, "Subscription not found") });
    await expect(turnOffPush(gone.device)).resolves.toBeNull();
    const none = fakeDevice({});
    await expect(turnOffPush(none.device)).resolves.toBeNull();
    expect(none.device.remove).not.toHaveBeenCalled();
  });
});

describe("forgetPushOnLogout", () => {
  it("removes the subscription when notifications were allowed", async () => {
    const existing = fakeSubscription("https://push.example/mine", KEY);
    const { device } = fakeDevice({ permission: "granted", existing });
    await forgetPushOnLogout(device);
    expect(device.remove).toHaveBeenCalledWith("https://push.example/mine");
    expect(existing.unsubscribe).toHaveBeenCalledOnce();
  });

  it("does nothing without permission, and never holds up the logout", async () => {
    const untouched = fakeDevice({ permission: "default" });
    await forgetPushOnLogout(untouched.device);
    expect(untouched.device.currentRegistration).not.toHaveBeenCalled();

    const existing = fakeSubscription("https://push.example/mine", KEY);
    const hanging = fakeDevice({ permission: "granted", existing });
    hanging.device.remove.mockImplementation(() => new Promise<void>(() => undefined));
    await expect(forgetPushOnLogout(hanging.device, 10)).resolves.toBeUndefined();
  });
});

describe("browserErrorText", () => {
  it("gives the browser's name and message", () => {
    expect(browserErrorText(new DOMException("Registration failed - permission denied", "AbortError"))).toBe(
      "AbortError: Registration failed - permission denied",
    );
    expect(browserErrorText(null)).toBe("");
  });
});
