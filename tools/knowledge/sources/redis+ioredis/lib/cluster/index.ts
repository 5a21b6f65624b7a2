            const error = new Error("None of startup nodes is available");
