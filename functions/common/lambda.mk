# Packaging shared by the functions' Makefiles (SAM "BuildMethod: makefile"; SAM runs them from a scratch copy,
# so every path is taken from this file's own location). A Java Lambda zip holds the function's classes at the
# root and its runtime jars in lib/. The engine and every jar it brings come from the model layer
# (/opt/java/lib), so they are left out here: the engine is a provided dependency, and jars the layer also has
# (Jackson, shared with Micronaut) are removed.
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
MVN := mvn -B -q -f $(ROOT)/pom.xml
# the engine's build directory (see layers/emotion-model/pom.xml)
ENGINE_BUILD ?= $(ROOT)/layers/emotion-model/target

# $(call package_function,<module directory relative to the repository root>)
define package_function
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set" >&2; exit 1; }
	$(MVN) -Dser.build.dir=$(ENGINE_BUILD) -pl $(1) -am -DskipTests install
	rm -rf "$(ARTIFACTS_DIR)/lib" && mkdir -p "$(ARTIFACTS_DIR)/lib"
	$(MVN) -pl $(1) dependency:copy-dependencies -DincludeScope=runtime -DexcludeTypes=pom \
		-DoutputDirectory="$(ARTIFACTS_DIR)/lib"
	layer=$$(mktemp -d) && \
		$(MVN) -Dser.build.dir=$(ENGINE_BUILD) -pl layers/emotion-model dependency:copy-dependencies \
			-DincludeScope=runtime -DexcludeTypes=pom -DoutputDirectory="$$layer" && \
		for jar in "$$layer"/*.jar; do rm -f "$(ARTIFACTS_DIR)/lib/$$(basename "$$jar")"; done && \
		rm -rf "$$layer"
	cp -R $(ROOT)/$(1)/target/classes/. "$(ARTIFACTS_DIR)/"
endef
