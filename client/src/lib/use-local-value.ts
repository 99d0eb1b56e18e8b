import { useState } from "react";

/**
 * A control's own copy of a value that lives in the URL. React Router applies URL changes in a
 * transition, so a controlled checkbox or date input bound straight to the URL snaps back until the
 * transition commits (and `check()` in a browser test sees the old state). The copy follows the
 * URL whenever the URL changes.
 */
export function useLocalValue<T>(value: T): [T, (next: T) => void] {
  const [local, setLocal] = useState(value);
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    setLocal(value);
  }
  return [local, setLocal];
}
