import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Provider } from "urql";
import { App } from "./app.tsx";
import { AuthGate } from "./features/access/auth-gate.tsx";
import { LiveConnectionContext } from "./lib/live-connection.ts";
import { createBatonClient } from "./urql.ts";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

const { client, live } = createBatonClient();
createRoot(root).render(
  <StrictMode>
    <AuthGate>
      <Provider value={client}>
        <LiveConnectionContext value={live}>
          <App />
        </LiveConnectionContext>
      </Provider>
    </AuthGate>
  </StrictMode>,
);
