/** The options page. Preferences live in storage.sync; a change takes effect in open tabs without a reload. */
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../core/settings';
import { loadSettings, saveSettings } from '../ui/settings-store';

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);
  if (!settings) return <p class="muted">Loading…</p>;
  const update = async (patch: Partial<Settings>): Promise<void> => {
    setSettings(await saveSettings(patch));
    setSaved('Saved.');
  };
  return (
    <>
      <h1>Backstory options</h1>
      <fieldset>
        <legend>Highlighting</legend>
        <label class="switch">
          <input
            type="checkbox"
            id="enabled"
            checked={settings.enabled}
            onChange={(e) => void update({ enabled: (e.currentTarget as HTMLInputElement).checked })}
          />
          Highlight names on news pages
        </label>
      </fieldset>
      <p role="status" class="muted small">
        {saved}
      </p>
    </>
  );
}
