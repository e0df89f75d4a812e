"""A real MCP client (the Python `mcp` SDK, pinned in .ci/run) driving `linkedin mcp`.

Run by tests/mcp.rs, which starts Prism and checks the audit file. Prints one JSON report:

  stdio BINARY VERSION POLICY AGENT AUDIT [--dry-run] -- a script of steps as JSON
  http URL KEY -- the same steps over streamable HTTP with one agent's key

Each step is {"list": true} or {"call": TOOL, "args": {...}}; the report has one entry per step.
"""

import asyncio
import json
import os
import sys

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client


async def run_steps(session, steps):
    init = await session.initialize()
    report = {"server": init.server_info.name, "steps": []}
    for step in steps:
        if "list" in step:
            result = await session.list_tools()
            report["steps"].append(
                {
                    "tools": [t.name for t in result.tools],
                    "schemas": {t.name: t.input_schema for t in result.tools},
                    "descriptions": {t.name: t.description for t in result.tools},
                }
            )
        else:
            try:
                result = await session.call_tool(step["call"], step.get("args", {}))
                texts = [c.text for c in result.content if getattr(c, "text", None) is not None]
                report["steps"].append(
                    {
                        "is_error": bool(result.is_error),
                        "text": "\n".join(texts),
                        "structured": result.structured_content,
                    }
                )
            except Exception as e:  # a protocol-level error (unknown tool)
                report["steps"].append({"protocol_error": str(e)})
    return report


async def main():
    mode = sys.argv[1]
    steps = json.loads(sys.stdin.read())
    if mode == "stdio":
        binary, version, policy, agent, audit = sys.argv[2:7]
        args = ["--version", version, "mcp", "--agent", agent, "--policy", policy, "--audit", audit]
        args += sys.argv[7:]
        # The SDK passes only a few safe variables on: hand over the server's own settings.
        env = {k: v for k, v in os.environ.items() if k.startswith("LINKEDIN_") or k == "RUST_LOG"}
        params = StdioServerParameters(command=binary, args=args, env=env)
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                report = await run_steps(session, steps)
    else:
        url, key = sys.argv[2:4]
        client = create_mcp_http_client(headers={"Authorization": f"Bearer {key}"})
        async with client:
            async with streamable_http_client(url, http_client=client) as (read, write):
                async with ClientSession(read, write) as session:
                    report = await run_steps(session, steps)
    print(json.dumps(report))


asyncio.run(main())
