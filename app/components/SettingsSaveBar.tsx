import { SaveBar } from "@shopify/app-bridge-react";

type Props = { open: boolean; saving: boolean; onSave: () => void; onDiscard: () => void };

/**
 * Shopify admin's contextual save bar, shown while the form differs from what is saved: its buttons are
 * the page's Save and Discard (real buttons, which keyboard users reach too).
 */
export function SettingsSaveBar({ open, saving, onSave, onDiscard }: Props) {
  return (
    <SaveBar id="settings-save-bar" open={open}>
      {/* App Bridge reads attributes: "loading" present while saving, absent otherwise. */}
      <button variant="primary" onClick={onSave} loading={saving ? "" : undefined} disabled={saving}>
        Save
      </button>
      <button onClick={onDiscard} disabled={saving}>
        Discard
      </button>
    </SaveBar>
  );
}
