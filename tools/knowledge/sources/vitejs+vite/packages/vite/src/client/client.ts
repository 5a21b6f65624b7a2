                  '[vite] failed to connect to websocket.\n' +
          console.error(`[vite] failed to connect to websocket (${e}). `)
          console.log(`[vite] server connection lost. Polling for restart...`)
