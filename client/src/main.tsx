import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Provider } from "urql";
import { App } from "./app.tsx";
import { createBatonClient } from "./urql.ts";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

createRoot(root).render(
  <StrictMode>
    <Provider value={createBatonClient()}>
      <App />
    </Provider>
  </StrictMode>,
);
