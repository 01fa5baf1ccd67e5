package org.kapcare;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import org.kapcare.clinical.RatingScale;

/**
 * The packages' layering as docs/design.md draws it: the {@code clinic} kernel at the bottom, then
 * {@code forms}, then {@code security}, then the features; {@code web} (the error mapping) and
 * {@code demo} on top, imported by nothing. A class that reaches up or across a layer fails here.
 */
@AnalyzeClasses(packages = "org.kapcare", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] FEATURES = {"org.kapcare.journey..", "org.kapcare.clinical..",
      "org.kapcare.integrationwindow..", "org.kapcare.notification..", "org.kapcare.insight..", "org.kapcare.operations..",
      "org.kapcare.tasklist..", "org.kapcare.chart..", "org.kapcare.checkin.."};

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("org.kapcare.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("clinic").definedBy("org.kapcare.clinic..")
      .layer("forms").definedBy("org.kapcare.forms..")
      .layer("security").definedBy("org.kapcare.security..")
      .layer("features").definedBy(FEATURES)
      .layer("web").definedBy("org.kapcare.web..")
      .layer("demo").definedBy("org.kapcare.demo..")
      .whereLayer("demo").mayNotBeAccessedByAnyLayer()
      .whereLayer("web").mayNotBeAccessedByAnyLayer()
      .whereLayer("features").mayOnlyBeAccessedByLayers("web", "demo")
      .whereLayer("security").mayOnlyBeAccessedByLayers("features", "web", "demo")
      .whereLayer("forms").mayOnlyBeAccessedByLayers("security", "features", "web", "demo");

  /**
   * Among the features only the demo clinic, which tells whole stories, reaches into another; the
   * patient chart reads the rating scales' bands from the clinical rules rather than keep a copy.
   */
  @ArchTest
  static final ArchRule featuresStandAlone = slices().matching("org.kapcare.(*)..")
      .that(DescribedPredicate.describe("are features", slice -> Arrays.stream(FEATURES)
          .anyMatch(feature -> feature.equals("org.kapcare." + slice.getNamePart(1) + ".."))))
      .should().notDependOnEachOther()
      .ignoreDependency(JavaClass.Predicates.resideInAPackage("org.kapcare.chart.."),
          JavaClass.Predicates.belongToAnyOf(RatingScale.class));
}
