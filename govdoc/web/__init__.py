"""The gradio web app: one module per tab, `blocks.build_blocks` assembles them, `server` serves them."""
