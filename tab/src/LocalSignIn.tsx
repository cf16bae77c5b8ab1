// Outside Teams with no credentials (local use), a clearly marked sign-in picks one of the
// server's test users (issue 11, point 6). The server refuses it whenever credentials are set.
import { Field, MessageBar, MessageBarBody, MessageBarTitle, Select } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { apiGet, type Identity } from "./api.ts";
import type { LocalUsersAnswer } from "../../src/http/api/contract.ts";
import { TAB_WORDS as W } from "../../src/words/tab-words.ts";


const KEY = "safeguard.localUser";

export function LocalSignIn({ identity, onChange }: { identity: Identity | undefined; onChange: (identity: Identity | undefined) => void }) {
  const [users, setUsers] = useState<LocalUsersAnswer["users"] | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);

  useEffect(() => {
    apiGet<LocalUsersAnswer>(undefined, "/local-users").then(
      (answer) => {
        setUsers(answer.users);
        const remembered = sessionStorage.getItem(KEY) ?? answer.users[0]?.id;
        if (remembered !== undefined) onChange({ kind: "local", userId: remembered });
      },
      (error: unknown) => setFailed(error instanceof Error ? error.message : W.signIn.notLoaded),
    );
  }, [onChange]);

  const chosen = identity?.kind === "local" ? identity.userId : "";
  return (
    <MessageBar intent="warning" layout="multiline" style={{ marginBottom: 12 }}>
      <MessageBarBody style={{ minWidth: 0, flex: 1 }}>
        <MessageBarTitle>{W.signIn.title}</MessageBarTitle>
        {failed !== undefined ? (
          <span> {failed}</span>
        ) : (
          <Field label={W.signIn.signedInAs} style={{ minWidth: 0 }}>
            <Select
              style={{ minWidth: 0, maxWidth: "100%" }}
              value={chosen}
              onChange={(_event, data) => {
                sessionStorage.setItem(KEY, data.value);
                onChange({ kind: "local", userId: data.value });
              }}
            >
              {(users ?? []).map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                  {user.description === undefined ? "" : ` (${user.description})`}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
